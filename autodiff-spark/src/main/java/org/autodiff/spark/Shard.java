package org.autodiff.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * One partition's examples packed into two arrays (features row-major, targets), built once and
 * cached, so a step copies only the rows of its batch into a tensor.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final double[] features;
    private final double[] targets;

    private Shard(int width, double[] features, double[] targets) {
        this.width = width;
        this.features = features;
        this.targets = targets;
    }

    /** Packs partition {@code partition}'s samples, which must all have as many features. */
    static Shard pack(int partition, Iterator<Sample> samples) {
        List<Sample> list = new ArrayList<>();
        samples.forEachRemaining(list::add);
        int width = list.isEmpty() ? 0 : list.get(0).features().length;
        double[] features = new double[Math.multiplyExact(list.size(), width)];
        double[] targets = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Sample s = list.get(i);
            if (s.features().length != width) {
                throw new IllegalArgumentException("DataParallelTrainer: example " + i + " of partition " + partition + " has "
                        + s.features().length + " features, the partition's first has " + width);
            }
            System.arraycopy(s.features(), 0, features, i * width, width);
            targets[i] = s.target();
        }
        return new Shard(width, features, targets);
    }

    int rows() {
        return targets.length;
    }

    int width() {
        return width;
    }

    /** The features of {@code rows} (local row numbers), stacked as {@code [rows, width]} in {@code dtype}. */
    Tensor features(int[] rows, DType dtype) {
        double[] x = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, x, i * width, width);
        }
        return Tensor.of(x, rows.length, width).to(dtype);
    }

    /** The targets of {@code rows}. */
    double[] targets(int[] rows) {
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = targets[rows[i]];
        }
        return y;
    }
}
