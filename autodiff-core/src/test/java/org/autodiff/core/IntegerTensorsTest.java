package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * int64 and bool tensors beside the floating point ones: factories, exactness, printing, and
 * their place in autograd (they never require gradients, and ops that make them leave the
 * graph). Values against PyTorch are in {@link DTypesGoldenTest}.
 */
class IntegerTensorsTest {

    private static void assertRejected(Runnable r, String... fragments) {
        RuntimeException e = assertThrows(RuntimeException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void factoriesFromJavaArraysKeepTheirType() {
        assertEquals(DType.INT64, Tensor.of(new long[] {1, 2}).dtype());
        assertEquals(DType.INT64, Tensor.of(new int[] {1, 2, 3, 4}, 2, 2).dtype());
        assertArrayEquals(new long[] {1, 2, 3, 4}, Tensor.of(new int[] {1, 2, 3, 4}, 2, 2).toLongArray());
        assertEquals(DType.BOOL, Tensor.of(new boolean[] {true, false}).dtype());
        assertArrayEquals(new long[] {0, 0}, Tensor.zeros(DType.INT64, 2).toLongArray());
        assertArrayEquals(new boolean[] {true, true}, Tensor.ones(DType.BOOL, 2).toBooleanArray());
        assertArrayEquals(new long[] {2, 2}, Tensor.full(DType.INT64, 2.9, 2).toLongArray(), "truncated, as torch.full");
        assertArrayEquals(new long[] {0, 2, 4}, Tensor.arange(DType.INT64, 0, 5, 2).toLongArray());
        assertEquals(DType.BOOL, Tensor.eye(DType.BOOL, 2).dtype());
        assertRejected(() -> Tensor.rand(DType.INT64, 2), "rand", "int64", "floating point");
        assertRejected(() -> Tensor.randn(DType.BOOL, 2), "randn", "bool");
        assertRejected(() -> Tensor.of(new long[] {1, 2, 3}, 2, 2), "3 elements", "[2, 2]");
    }

    @Test
    void int64ArithmeticIsExactBeyondTwoToThe53() {
        long big = (1L << 60) + 1;
        Tensor x = Tensor.of(new long[] {big, -big});
        assertArrayEquals(new long[] {big + 1, -big + 1}, x.add(1L).toLongArray());
        assertArrayEquals(new long[] {big - 3, -big - 3}, x.sub(3L).toLongArray());
        assertArrayEquals(new long[] {3 - big, 3 + big}, x.rsub(3L).toLongArray());
        assertArrayEquals(new long[] {2 * big, -2 * big}, x.mul(2L).toLongArray());
        assertArrayEquals(new long[] {0}, x.sum().reshape(1).toLongArray());
        assertArrayEquals(new boolean[] {true, false}, x.eq(big).toBooleanArray(), "compared as int64, not through double");
        assertArrayEquals(new boolean[] {false, false}, x.gt(big).toBooleanArray());
        assertArrayEquals(new boolean[] {false, true}, x.lt(big).toBooleanArray());
        // A Java double operand is PyTorch's Python float: the result is float32.
        assertEquals(DType.FLOAT32, x.add(1.0).dtype());
        assertEquals(DType.FLOAT32, x.mul(0.5).dtype());
        assertEquals(DType.INT64, Tensor.of(new boolean[] {true}).add(1L).dtype(), "bool + int is int64");
        Tensor copy = Tensor.zeros(DType.INT64, 2).copyFrom(x);
        assertArrayEquals(x.toLongArray(), copy.toLongArray(), "copyFrom into an int64 tensor is exact");
        assertEquals(7.0, Tensor.of(new long[] {7}).item());
    }

    @Test
    void onlyFloatingPointTensorsRequireGradients() {
        assertRejected(() -> Tensor.of(new long[] {1}).requiresGrad(true), "requiresGrad",
                "only tensors of floating point dtype can require gradients", "int64");
        assertRejected(() -> Tensor.of(new boolean[] {true}).requiresGrad(true), "bool");
        assertRejected(() -> Tensor.of(new long[] {1}).withTangent(Tensor.of(new long[] {1})), "withTangent", "int64");
        assertRejected(() -> Tensor.of(new long[] {1}).setGrad(Tensor.of(new long[] {1})), "setGrad", "int64");
        Tensor.of(new long[] {1}).requiresGrad(false);

        // Ops that make int64 or bool tensors from a differentiable one leave the graph.
        Tensor x = Tensor.of(new double[] {1.5, -2.5, 3}).requiresGrad(true);
        Tensor dual = x.detach().withTangent(Tensor.ones(DType.FLOAT64, 3));
        for (Tensor t : new Tensor[] {x.to(DType.INT64), x.gt(0), x.argmax(0, false), x.to(DType.BOOL),
                dual.to(DType.INT64), dual.lt(0)}) {
            assertFalse(t.requiresGrad(), t::toString);
            assertNull(t.gradFnName());
            assertNull(t.tangent());
        }
        assertEquals(DType.INT64, x.argmax(0, false).dtype());

        // A mask times a float tensor is a float tensor, and the gradient flows to the float side.
        Tensor mask = x.gt(0);
        Tensor y = mask.mul(x).sum();
        assertEquals(DType.FLOAT64, y.dtype());
        y.backward();
        assertArrayEquals(new double[] {1, 0, 1}, x.grad().toDoubleArray());
        assertEquals(DType.FLOAT64, x.grad().dtype());
        // An int64 operand of a differentiable op is a constant to it.
        Tensor z = x.mul(Tensor.of(new long[] {2, 3, 4})).sum();
        x.zeroGrad();
        z.backward();
        assertArrayEquals(new double[] {2, 3, 4}, x.grad().toDoubleArray());
    }

    @Test
    void opsIntegersDoNotSupportSayWhichAndWhy() {
        Tensor i = Tensor.of(new long[] {1, 2, 3, 4}, 2, 2);
        assertRejected(() -> i.matmul(i), "matmul", "int64", "[2, 2]", "to(DType.FLOAT32)");
        assertRejected(() -> i.pow(Tensor.of(new long[] {2})), "pow", "int64");
        assertRejected(() -> i.logSoftmax(1), "logSoftmax", "int64");
        assertRejected(() -> i.norm(), "norm", "int64");
        assertRejected(() -> i.logSumExp(0, false), "logSumExp", "int64");
        assertRejected(() -> i.reshape(1, 1, 2, 2).maxPool2d(1, 1, 0), "maxPool2d", "int64");
        assertRejected(() -> Tensor.of(new boolean[] {true}).relu(), "relu", "bool");
        assertRejected(() -> Tensor.of(new boolean[] {true}).rsub(1L), "sub", "bool");
        assertRejected(() -> Tensor.where(Tensor.ones(2), i, i), "where", "bool tensor", "float32");
        assertRejected(() -> Tensor.ones(3).gather(0, Tensor.of(new double[] {0})), "gather", "int64", "float64");
        assertRejected(() -> Tensor.ones(3).indexSelect(0, Tensor.of(new float[] {0})), "indexSelect", "int64", "float32");
    }

    @Test
    void printsIntegersAndBooleansAsPyTorchDoes() {
        assertEquals("tensor([ 1, -2, 30], dtype=int64)", Tensor.of(new long[] {1, -2, 30}).toString());
        assertEquals("tensor([[ True, False],\n        [False,  True]], dtype=bool)",
                Tensor.of(new boolean[] {true, false, false, true}, 2, 2).toString());
        assertEquals("tensor(5, dtype=int64)", Tensor.scalar(5, DType.INT64).toString());
        assertEquals("tensor([1.5000, -2.0000], dtype=float64)", Tensor.of(new double[] {1.5, -2}).toString(),
                "floating point printing is unchanged");
    }

    @Test
    void maskOpsCheckTheirMaskAndShapes() {
        Tensor x = Tensor.ones(2, 3);
        assertRejected(() -> x.maskedFill(Tensor.ones(3), 0), "maskedFill", "bool", "float32", "[3]");
        assertRejected(() -> x.maskedFill(Tensor.of(new boolean[] {true, false}), 0), "maskedFill", "[2]", "[2, 3]");
        assertRejected(() -> x.maskedFill(Tensor.of(new boolean[] {true}), Tensor.ones(1)), "maskedFill", "0-d", "[1]");
        assertRejected(() -> Tensor.ones(3).triu(0), "triu", "2 dims", "[3]");
        assertRejected(() -> Tensor.ones(3).tril(0), "tril", "2 dims");
        // On int64 and bool tensors too, as torch.triu and masked_fill (the value truncated to the dtype).
        assertArrayEquals(new boolean[] {true, true, false, true}, Tensor.ones(DType.BOOL, 2, 2).triu(0).toBooleanArray());
        assertArrayEquals(new long[] {2, 1, 2}, Tensor.of(new long[] {1, 1, 1})
                .maskedFill(Tensor.of(new boolean[] {true, false, true}), 2.5).toLongArray());
    }

    @Test
    void logicalOpsReadAnyDtypeAsTruth() {
        Tensor f = Tensor.of(new double[] {0, Double.NaN, -1});
        assertArrayEquals(new boolean[] {true, false, false}, f.logicalNot().toBooleanArray());
        Tensor b = Tensor.of(new boolean[] {true, false, true});
        assertArrayEquals(new boolean[] {false, false, true}, f.logicalAnd(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true, true}, f.logicalOr(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true, false}, f.logicalXor(b).toBooleanArray());
    }
}
