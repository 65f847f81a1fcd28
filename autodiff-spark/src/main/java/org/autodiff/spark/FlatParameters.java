package org.autodiff.spark;

import java.util.Arrays;
import java.util.List;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * A model's parameters (or their gradients) as one flat {@code double[]}, concatenated in
 * {@code Module.parameters()} order: the form in which they cross the wire, since no autodiff
 * type is serialisable. float32 values widen to double exactly, so nothing is lost on the way.
 */
final class FlatParameters {
    private FlatParameters() {
    }

    /** The total number of elements of {@code params}. */
    static int count(List<Tensor> params) {
        long n = 0;
        for (Tensor p : params) {
            n += p.numel();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("DataParallelTrainer: " + n + " parameters do not fit one Java array");
        }
        return (int) n;
    }

    /** The values of {@code params}, concatenated. */
    static double[] values(List<Tensor> params) {
        double[] flat = new double[count(params)];
        int offset = 0;
        for (Tensor p : params) {
            double[] v = p.toDoubleArray();
            System.arraycopy(v, 0, flat, offset, v.length);
            offset += v.length;
        }
        return flat;
    }

    /** Copies {@code flat} into {@code params} in place (rounding to float32 where a parameter is float32). */
    static void load(List<Tensor> params, double[] flat) {
        checkLength(params, flat);
        int offset = 0;
        try (var ignored = GradMode.noGrad()) {
            for (Tensor p : params) {
                int n = p.numel();
                p.copyFrom(Tensor.of(Arrays.copyOfRange(flat, offset, offset + n), p.shape().dims()).to(p.dtype()));
                offset += n;
            }
        }
    }

    /** The accumulated gradients of {@code params}, concatenated; zeros for a parameter without one. */
    static double[] gradients(List<Tensor> params) {
        double[] flat = new double[count(params)];
        int offset = 0;
        for (Tensor p : params) {
            if (p.grad() != null) {
                double[] g = p.grad().toDoubleArray();
                System.arraycopy(g, 0, flat, offset, g.length);
            }
            offset += p.numel();
        }
        return flat;
    }

    /** Sets each parameter's gradient to its slice of {@code sum} divided by {@code divisor}, in the parameter's dtype. */
    static void setGradients(List<Tensor> params, double[] sum, double divisor) {
        checkLength(params, sum);
        int offset = 0;
        for (Tensor p : params) {
            int n = p.numel();
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = sum[offset + i] / divisor;
            }
            p.setGrad(Tensor.of(g, p.shape().dims()).to(p.dtype()));
            offset += n;
        }
    }

    private static void checkLength(List<Tensor> params, double[] flat) {
        int n = count(params);
        if (flat.length != n) {
            throw new IllegalArgumentException("DataParallelTrainer: got " + flat.length + " values for a model of " + n
                    + " parameters; does the model factory build the same model every time?");
        }
    }
}
