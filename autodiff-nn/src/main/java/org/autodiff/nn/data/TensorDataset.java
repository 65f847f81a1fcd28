package org.autodiff.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * An in-memory data set: one features tensor whose first dimension indexes the examples
 * ({@code [n, d]}, or {@code [n, C, H, W]} for images) and one class label per example, like
 * PyTorch's {@code TensorDataset(x, y)}. The transforming methods return new data sets. Like
 * PyTorch's, it shares the features' storage rather than copying it: modify the tensor in place
 * and the data set sees the change.
 */
public final class TensorDataset implements Dataset {
    private final Tensor features;
    private final int[] labels;
    /** Elements per example: the product of the features' dimensions after the first. */
    private final int rowSize;

    /**
     * A data set over {@code features} (first dimension = number of examples, kept without its
     * autograd history) and a copy of {@code labels} (one non-negative class index per example).
     */
    public TensorDataset(Tensor features, int[] labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.dim() == 0) {
            throw new IllegalArgumentException("TensorDataset: features need a first dimension indexing the examples, got a 0-d tensor");
        }
        if (features.size(0) != labels.length) {
            throw new IllegalArgumentException("TensorDataset: features of shape " + features.shape() + " hold "
                    + features.size(0) + " examples but " + labels.length + " labels were given");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("TensorDataset: label " + i + " is negative (" + labels[i] + ")");
            }
        }
        this.features = features.detach();
        this.labels = labels.clone();
        this.rowSize = labels.length == 0 ? exampleShape(features.shape()).numel() : features.numel() / labels.length;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Example get(int index) {
        checkIndex(index);
        return new Example(rows(new int[] {index}, exampleShape(features.shape())), labels[index]);
    }

    /** The rows at {@code indices}, copied straight from the storage. */
    @Override
    public Batch batch(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            checkIndex(indices[i]);
            y[i] = labels[indices[i]];
        }
        return new Batch(rows(indices, features.shape().with(0, indices.length)), y);
    }

    /** The features, shape {@code [n, ...]}. */
    public Tensor features() {
        return features;
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** The shape of one example's features: the features' shape without its first dimension. */
    public Shape exampleShape() {
        return exampleShape(features.shape());
    }

    /** One more than the largest label (0 for an empty data set). */
    public int numClasses() {
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** The element type of the features. */
    public DType dtype() {
        return features.dtype();
    }

    /** The examples at {@code indices}, in that order, as a new data set. */
    public TensorDataset subset(int[] indices) {
        Batch b = batch(indices);
        return new TensorDataset(b.x(), b.y());
    }

    /** This data set with its features converted to {@code dtype}. */
    public TensorDataset to(DType dtype) {
        return dtype == features.dtype() ? this : new TensorDataset(features.to(dtype), labels);
    }

    /** This data set with every feature multiplied by {@code factor} (e.g. {@code 1.0 / 16} for digits). */
    public TensorDataset scale(double factor) {
        return new TensorDataset(features.mul(factor), labels);
    }

    /**
     * This data set with each example's features reshaped to {@code exampleShape}, e.g.
     * {@code reshapeExamples(1, 8, 8)} turns {@code [n, 64]} into images {@code [n, 1, 8, 8]}.
     */
    public TensorDataset reshapeExamples(int... exampleShape) {
        Shape target = Shape.of(exampleShape);
        if (target.numel() != rowSize) {
            throw new IllegalArgumentException("reshapeExamples: examples of shape " + exampleShape() + " have "
                    + rowSize + " elements, shape " + target + " has " + target.numel());
        }
        return new TensorDataset(Tensor.wrap(features.storage(), target.insert(0, size())), labels);
    }

    private Tensor rows(int[] indices, Shape shape) {
        Object source = features.storage();
        Object target = features.dtype() == DType.FLOAT64 ? new double[indices.length * rowSize]
                : new float[indices.length * rowSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(source, indices[i] * rowSize, target, i * rowSize, rowSize);
        }
        return Tensor.wrap(target, shape);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("TensorDataset: index " + index + " is out of bounds for " + labels.length
                    + " examples");
        }
    }

    private static Shape exampleShape(Shape shape) {
        return shape.remove(0);
    }
}
