package org.autodiff.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * An in-memory data set: one features tensor whose first dimension indexes the examples
 * ({@code [n, d]}, or {@code [n, C, H, W]} for images) and either one class label per example or
 * a targets tensor with one row per example (float targets for regression), like PyTorch's
 * {@code TensorDataset(x, y)}. The transforming methods return new data sets. Like
 * PyTorch's, it shares the features' storage rather than copying it: modify the tensor in place
 * and the data set sees the change.
 */
public final class TensorDataset implements Dataset {
    private final Tensor features;
    /** The class labels, or null for a data set of targets. */
    private final int[] labels;
    /** The targets, first dimension the examples, or null for a data set of labels. */
    private final Tensor targets;
    /** Elements per example: the product of the features' dimensions after the first. */
    private final int rowSize;

    /**
     * A data set over {@code features} (first dimension = number of examples, kept without its
     * autograd history) and a copy of {@code labels} (one non-negative class index per example).
     *
     * @param features the features, [n, ...]
     * @param labels the class labels, one per example
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
        this.targets = null;
        this.rowSize = labels.length == 0 ? exampleShape(features.shape()).numel() : features.numel() / labels.length;
    }

    /**
     * A data set of targets rather than labels, e.g. float targets for regression: {@code features}
     * and {@code targets} share their first dimension, the number of examples (both kept without
     * their autograd history).
     *
     * @param features the features, [n, ...]
     * @param targets the targets, [n, ...], floating point
     */
    public TensorDataset(Tensor features, Tensor targets) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        if (features.dim() == 0 || targets.dim() == 0 || features.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("TensorDataset: features of shape " + features.shape() + " and targets of shape "
                    + targets.shape() + " need the same first dimension, the number of examples");
        }
        if (!targets.dtype().isFloatingPoint() || !features.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("TensorDataset: features (" + features.dtype() + ") and targets ("
                    + targets.dtype() + ") must be floating point; class labels go in as int[]");
        }
        this.features = features.detach();
        this.labels = null;
        this.targets = targets.detach();
        this.rowSize = exampleShape(features.shape()).numel();
    }

    /**
     * Whether this data set holds class labels (else targets).
     *
     * @return true for labels
     */
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int size() {
        return features.size(0);
    }

    @Override
    public Example get(int index) {
        checkIndex(index);
        Tensor x = rows(features, new int[] {index}, exampleShape(features.shape()));
        return labels != null ? new Example(x, labels[index])
                : new Example(x, -1, rows(targets, new int[] {index}, exampleShape(targets.shape())));
    }

    /** The rows at {@code indices}, copied straight from the storage. */
    @Override
    public Batch batch(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        for (int index : indices) {
            checkIndex(index);
        }
        Tensor x = rows(features, indices, features.shape().with(0, indices.length));
        if (labels == null) {
            return new Batch(x, rows(targets, indices, targets.shape().with(0, indices.length)));
        }
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = labels[indices[i]];
        }
        return new Batch(x, y);
    }

    /**
     * The features, shape {@code [n, ...]}.
     *
     * @return the features, kept without their autograd history
     */
    public Tensor features() {
        return features;
    }

    /**
     * A copy of the labels (a data set of targets has none and throws).
     *
     * @return the class labels, one per example
     * @throws IllegalStateException for a data set of targets
     */
    public int[] labels() {
        requireLabels("labels");
        return labels.clone();
    }

    /**
     * The targets of a data set of targets.
     *
     * @return the targets, [n, ...]
     * @throws IllegalStateException for a data set of labels
     */
    public Tensor targets() {
        if (targets == null) {
            throw new IllegalStateException("TensorDataset: a data set of class labels has no targets tensor");
        }
        return targets;
    }

    private void requireLabels(String what) {
        if (labels == null) {
            throw new IllegalStateException("TensorDataset: a data set of targets (shape " + targets.shape() + ") has no "
                    + what);
        }
    }

    /**
     * The shape of one example's features: the features' shape without its first dimension.
     *
     * @return the shape of one example's features
     */
    public Shape exampleShape() {
        return exampleShape(features.shape());
    }

    /**
     * One more than the largest label (0 for an empty data set).
     *
     * @return the number of classes
     * @throws IllegalStateException for a data set of targets
     */
    public int numClasses() {
        requireLabels("classes");
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /**
     * The element type of the features.
     *
     * @return the features' dtype
     */
    public DType dtype() {
        return features.dtype();
    }

    /**
     * The examples at {@code indices}, in that order, as a new data set.
     *
     * @param indices the indices of the examples to keep, in the order wanted
     * @return the new data set
     */
    public TensorDataset subset(int[] indices) {
        Batch b = batch(indices);
        return labels != null ? new TensorDataset(b.x(), b.y()) : new TensorDataset(b.x(), b.target());
    }

    /**
     * This data set with its features converted to {@code dtype}.
     *
     * @param dtype the dtype wanted
     * @return this data set if it has that dtype already, else a converted copy (targets converted too)
     */
    public TensorDataset to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (dtype == features.dtype() && (targets == null || dtype == targets.dtype())) {
            return this;
        }
        return labels != null ? new TensorDataset(features.to(dtype), labels) : new TensorDataset(features.to(dtype), targets.to(dtype));
    }

    /**
     * This data set with every feature multiplied by {@code factor} (e.g. {@code 1.0 / 16} for digits).
     *
     * @param factor what every feature is multiplied by
     * @return the scaled data set
     */
    public TensorDataset scale(double factor) {
        return labels != null ? new TensorDataset(features.mul(factor), labels) : new TensorDataset(features.mul(factor), targets);
    }

    /**
     * This data set with each example's features reshaped to {@code exampleShape}, e.g.
     * {@code reshapeExamples(1, 8, 8)} turns {@code [n, 64]} into images {@code [n, 1, 8, 8]}.
     *
     * @param exampleShape the new shape of one example, with as many elements as the old
     * @return the reshaped data set
     */
    public TensorDataset reshapeExamples(int... exampleShape) {
        Shape target = Shape.of(Objects.requireNonNull(exampleShape, "exampleShape"));
        if (target.numel() != rowSize) {
            throw new IllegalArgumentException("reshapeExamples: examples of shape " + exampleShape() + " have "
                    + rowSize + " elements, shape " + target + " has " + target.numel());
        }
        Tensor reshaped = Tensor.wrap(features.storage(), target.insert(0, size()));
        return labels != null ? new TensorDataset(reshaped, labels) : new TensorDataset(reshaped, targets);
    }

    /** The rows of {@code from} (features or targets) at {@code indices}, copied straight from the storage. */
    private static Tensor rows(Tensor from, int[] indices, Shape shape) {
        int size = from.size(0) == 0 ? 0 : from.numel() / from.size(0);
        Object source = from.storage();
        Object target = from.dtype() == DType.FLOAT64 ? new double[indices.length * size] : new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(source, indices[i] * size, target, i * size, size);
        }
        return Tensor.wrap(target, shape);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("TensorDataset: index " + index + " is out of bounds for " + size()
                    + " examples");
        }
    }

    private static Shape exampleShape(Shape shape) {
        return shape.remove(0);
    }
}
