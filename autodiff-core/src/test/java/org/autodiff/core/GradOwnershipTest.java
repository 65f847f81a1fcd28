package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A leaf keeps a fresh gradient without a copy (as PyTorch's AccumulateGrad steals it; see
 * {@code ops.KeptGradientTest}), and never one that any other tensor holds: updating a gradient
 * in place changes nothing else.
 */
class GradOwnershipTest {
    private static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void twoLeavesGivenTheSameGradientByAnAddDoNotShareIt() {
        Tensor a = leaf(1, 2), b = leaf(3, 4);
        a.add(b).mul(leaf(5, 6)).sum().backward();
        assertFalse(a.grad().sharesStorageWith(b.grad()));
        a.grad().mulInPlace(10);
        assertArrayEquals(new double[] {50, 60}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {5, 6}, b.grad().toDoubleArray());
    }

    @Test
    void aLeafDoesNotKeepTheGradientPassedToBackward() {
        Tensor x = leaf(1, 2, 3, 4);
        Tensor seed = Tensor.of(new double[][] {{1, 1}, {1, 1}});
        x.reshape(2, 2).backward(seed);
        x.grad().mulInPlace(3);
        assertArrayEquals(new double[] {1, 1, 1, 1}, seed.toDoubleArray());
        assertArrayEquals(new double[] {3, 3, 3, 3}, x.grad().toDoubleArray());
    }

    @Test
    void aLeafDoesNotKeepAGradientAHookHasSeen() {
        Tensor x = leaf(1, 2);
        List<Tensor> seen = new ArrayList<>();
        x.registerHook(g -> {
            seen.add(g);
            return null;
        });
        x.mul(leaf(3, 4)).sum().backward();
        x.grad().mulInPlace(2);
        assertArrayEquals(new double[] {3, 4}, seen.get(0).toDoubleArray());
        assertArrayEquals(new double[] {6, 8}, x.grad().toDoubleArray());
    }

    @Test
    void aLeafDoesNotKeepAGradientAUserDefinedOpReturns() {
        Tensor kept = Tensor.of(new double[] {7, 8});
        Primitive passKept = new Primitive() {
            @Override
            protected Tensor forward(Tensor[] in) {
                return in[0].mul(1);
            }

            @Override
            protected Tensor[] vjp(Tensor g) {
                return new Tensor[] {kept};
            }
        };
        Tensor x = leaf(1, 2);
        passKept.apply(x).sum().backward();
        x.grad().mulInPlace(0);
        assertArrayEquals(new double[] {7, 8}, kept.toDoubleArray());
    }

    @Test
    void aGradientCarryingATangentIsNotKeptWithIt() {
        // Forward over reverse: the contribution x̄ = ḡ·y carries y's tangent; the leaf's gradient must not.
        Tensor x = leaf(1, 2);
        Tensor y = Tensor.of(new double[] {3, 4}).withTangent(Tensor.of(new double[] {1, 1}));
        x.mul(y).sum().backward();
        assertArrayEquals(new double[] {3, 4}, x.grad().toDoubleArray());
        assertNull(x.grad().tangent());
    }

    @Test
    void aNonLeafsRetainedGradientIsNotTheOneItsInputsGet() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2);
        y.retainGrad();
        y.add(0).sum().backward();
        assertFalse(y.grad().sharesStorageWith(x.grad()));
        y.grad().mulInPlace(0);
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());
    }
}
