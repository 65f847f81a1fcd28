package org.autodiff.core.ops;

import org.autodiff.core.Tensor;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.UnaryKernel;

/**
 * Comparisons and sign: piecewise-constant functions whose derivative is zero wherever it
 * exists, so their results are constants outside the graph (1 where a comparison holds, 0
 * elsewhere, in the inputs' promoted dtype) and usable as masks in derivative rules.
 */
public final class Comparisons {
    private Comparisons() {
    }

    public static Tensor eq(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.EQ, a, b, "eq"); }
    public static Tensor ne(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.NE, a, b, "ne"); }
    public static Tensor lt(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.LT, a, b, "lt"); }
    public static Tensor le(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.LE, a, b, "le"); }
    public static Tensor gt(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.GT, a, b, "gt"); }
    public static Tensor ge(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.GE, a, b, "ge"); }

    /** −1, 0 or 1 (NaN stays NaN). */
    public static Tensor sign(Tensor x) {
        return Kernels.unary(UnaryKernel.SIGN, x);
    }
}
