package org.autodiff.examples;

import org.autodiff.check.GradCheck;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/** Checks the custom op {@link Cube}, composed with library ops, against central differences with {@link GradCheck}. */
public final class CustomOpCheck {
    private CustomOpCheck() {
    }

    /**
     * Runs GradCheck (first derivatives, both modes) and gradGradCheck (second) on
     * {@code sum(tanh(cube(a) · b))}; throws {@code GradCheckFailure} naming the worst element on a mismatch.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Tensor a = Tensor.randn(DType.FLOAT64, 3, 4), b = Tensor.randn(DType.FLOAT64, 4, 2);
        GradCheck.check(in -> new Cube().apply(in[0]).matmul(in[1]).tanh().sum(), a, b);
        GradCheck.gradGradCheck(in -> new Cube().apply(in[0]).matmul(in[1]).tanh().sum(), a, b);
        System.out.println("Cube: gradients match central differences (first and second order)");
    }
}
