package org.autodiff.core.ops;

import org.autodiff.testkit.OpCase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.autodiff.check.GradCheck;
import org.autodiff.core.Autograd;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/** The laws every op's derivative rules must satisfy, shared by the op-family property classes. */
final class OpLaws {
    private OpLaws() {
    }

    /** Reverse and forward mode each give the Jacobian that central differences measure. */
    static void firstOrderMatchesCentralDifferences(OpCase c) {
        GradCheck.check(c.options(), c.f(), c.inputs());
    }

    /** Reverse-over-reverse and forward-over-reverse give the second derivatives central differences measure. */
    static void secondOrderMatchesCentralDifferences(OpCase c) {
        GradCheck.gradGradCheck(c.options(), c.f(), c.inputs());
    }

    /**
     * ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ for random u and v: the JVP and the VJP are transposes of one linear
     * map. Exact up to rounding, so a far tighter test than central differences, at any point.
     */
    static void jvpAndVjpAreAdjoint(OpCase c, long seed) {
        Generator random = new Generator(seed);
        Tensor[] in = c.inputs();
        Tensor[] duals = new Tensor[in.length];
        Tensor[] v = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            v[i] = Tensor.randn(random, DType.FLOAT64, in[i].shape().dims());
            Tensor leaf = Tensor.wrap(in[i].toDoubleArray(), in[i].shape()).requiresGrad(true);
            duals[i] = leaf.withTangent(v[i]);
        }
        Tensor y = c.f().apply(duals);
        Tensor u = Tensor.randn(random, DType.FLOAT64, y.shape().dims());
        double[] jv = y.tangent() == null ? new double[y.numel()] : y.tangent().toDoubleArray();
        double[] uv = u.toDoubleArray();
        double lhs = 0, scale = 0;
        for (int k = 0; k < uv.length; k++) {
            lhs += uv[k] * jv[k];
            scale += Math.abs(uv[k] * jv[k]);
        }
        double rhs = 0;
        if (y.requiresGrad()) {
            Tensor[] g = Autograd.grad(new Tensor[] {y}, duals, new Tensor[] {u}, false, false, true);
            for (int i = 0; i < in.length; i++) {
                if (g[i] == null) {
                    continue;
                }
                assertEquals(in[i].shape(), g[i].shape(), c.name() + ": gradient shape of input " + i);
                double[] gv = g[i].toDoubleArray(), vv = v[i].toDoubleArray();
                for (int j = 0; j < gv.length; j++) {
                    rhs += gv[j] * vv[j];
                    scale += Math.abs(gv[j] * vv[j]);
                }
            }
        }
        assertEquals(lhs, rhs, c.precision() * scale + 1e-12, c.name() + ": <u, J v> vs <J^T u, v>");
    }
}
