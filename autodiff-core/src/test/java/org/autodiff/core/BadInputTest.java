package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets a specific exception that names the op, the argument and the shapes. */
class BadInputTest {
    private static final Tensor A = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    /** Asserts f throws an IllegalArgumentException or IndexOutOfBoundsException whose message holds every fragment. */
    private static void assertRejected(Executable f, String... fragments) {
        RuntimeException e = assertThrows(RuntimeException.class, f);
        assertFalse(e instanceof ArrayIndexOutOfBoundsException, () -> "an unchecked array index escaped: " + e);
        assertTrue(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException
                || e instanceof IllegalStateException, () -> "unexpected exception type: " + e);
        for (String fragment : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                    () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void shapeMismatchInAddNamesTheOpAndBothShapes() {
        assertRejected(() -> A.add(Tensor.of(new double[] {1, 2, 3, 4}, 4)), "add", "[2, 3]", "[4]");
        assertRejected(() -> A.mul(Tensor.zeros(DType.FLOAT64, 3, 3)), "mul", "[2, 3]", "[3, 3]");
    }

    @Test
    void shapeMismatchInWhereNamesAllThreeInputShapes() {
        Tensor ones3 = Tensor.ones(3), ones21 = Tensor.ones(2, 1), ones2 = Tensor.ones(2);
        assertRejected(() -> Tensor.where(ones3, ones21, ones2), "where", "[3], [2, 1] and [2]", "dimension 1: 3 vs 1 vs 2");
        assertRejected(() -> Tensor.where(ones2, ones3, ones21), "where", "[2], [3] and [2, 1]");
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> Tensor.where(ones3, ones21, ones2));
        assertFalse(e.getMessage().contains("[2, 3]"), () -> "an intermediate broadcast shape leaked: " + e.getMessage());
    }

    @Test
    void matmulInnerDimensionMismatchNamesBothShapes() {
        assertRejected(() -> A.matmul(A), "matmul", "[2, 3]", "inner");
        assertRejected(() -> A.matmul(Tensor.scalar(1)), "matmul", "[]");
    }

    @Test
    void reshapeToAnIncompatibleSizeNamesTheSizes() {
        assertRejected(() -> A.reshape(4, 2), "reshape", "[4, 2]", "6 elements");
        assertRejected(() -> A.reshape(-1, 4), "reshape", "[-1, 4]");
        assertRejected(() -> A.reshape(-1, -1), "reshape", "-1");
    }

    @Test
    void outOfRangeDimsAreNamedForEveryOpThatTakesOne() {
        Map<String, Executable> ops = new LinkedHashMap<>();
        ops.put("sum", () -> A.sum(2, false));
        ops.put("mean", () -> A.mean(-3, false));
        ops.put("softmax", () -> A.softmax(5));
        ops.put("logSoftmax", () -> A.logSoftmax(-3));
        ops.put("logSumExp", () -> A.logSumExp(2, true));
        ops.put("max", () -> A.max(2, false));
        ops.put("argmin", () -> A.argmin(2, false));
        ops.put("transpose", () -> A.transpose(0, 2));
        ops.put("permute", () -> A.permute(0, 2));
        ops.put("squeeze", () -> A.squeeze(2));
        ops.put("unsqueeze", () -> A.unsqueeze(4));
        ops.put("slice", () -> A.slice(2, 0, 1, 1));
        ops.put("indexSelect", () -> A.indexSelect(2, 0));
        ops.put("cat", () -> Tensor.cat(2, A, A));
        ops.put("stack", () -> Tensor.stack(4, A, A));
        ops.put("var", () -> A.var(new int[] {3}, 1, false));
        for (Map.Entry<String, Executable> op : ops.entrySet()) {
            assertRejected(op.getValue(), op.getKey(), "dim");
        }
    }

    @Test
    void zeroDimTensorsAreRejectedWhereTheyHaveNoDimToWorkAlong() {
        Tensor s = Tensor.scalar(5);
        assertRejected(() -> Tensor.cat(0, Tensor.scalar(1), Tensor.scalar(2)), "cat", "tensors[0]", "zero-dimensional");
        assertRejected(() -> Tensor.cat(0, Tensor.of(new double[] {1}), Tensor.scalar(2)), "cat", "tensors[1]", "[]");
        assertRejected(() -> s.slice(0, 0, 1, 1), "slice", "0-d");
        assertRejected(() -> s.indexSelect(0, 0, 0), "indexSelect", "one index");
        assertRejected(() -> s.indexSelect(0, 1), "indexSelect", "1");
        assertRejected(() -> s.gather(0, Tensor.scalar(1)), "gather", "1");
        assertRejected(() -> s.gather(0, Tensor.of(new double[] {0})), "gather", "dims");
        assertRejected(() -> s.size(0), "size", "0-d");
        assertRejected(() -> s.softmax(1), "softmax", "dim");
        assertRejected(() -> s.logSoftmax(-2), "logSoftmax", "dim");
        assertRejected(() -> s.expand(-1), "expand");
        assertRejected(() -> s.pad(new int[] {1, 1}, 0), "pad");
        assertRejected(() -> s.sum(1, false), "sum", "dim");
        assertRejected(() -> s.max(1, false), "max", "dim");
        assertRejected(() -> s.transpose(0, 1), "transpose", "dim");
        assertRejected(() -> s.squeeze(1), "squeeze", "dim");
        assertRejected(() -> s.unsqueeze(2), "unsqueeze", "dim");
        assertRejected(() -> Tensor.stack(2, s, s), "stack", "dim");
    }

    @Test
    void zeroDimTensorsWorkWhereverPyTorchAcceptsThem() {
        Tensor s = Tensor.scalar(5).requiresGrad(true);
        // gather and index_select read a 0-d input as one element, as PyTorch does.
        assertScalar(5, s.indexSelect(0, 0));
        assertScalar(5, s.indexSelect(-1, 0));
        assertScalar(5, s.gather(0, Tensor.scalar(0)));
        s.gather(0, Tensor.scalar(0)).mul(3).backward();
        assertScalar(3, s.grad());
        assertScalar(5, s.squeeze(0));
        assertScalar(5, s.squeeze());
        assertScalar(5, s.transpose(0, -1));
        assertScalar(5, s.permute());
        assertScalar(5, s.sum(0, false));
        assertScalar(5, s.sum(-1, true));
        assertScalar(5, s.mean(0, false));
        assertScalar(5, s.max(0, false));
        assertScalar(0, s.argmin(0, false));
        assertScalar(5, s.logSumExp(0, false));
        assertScalar(1, s.softmax(0));
        assertScalar(0, s.logSoftmax(-1));
        assertArrayEqualsShape(new int[] {1}, s.unsqueeze(0));
        assertArrayEqualsShape(new int[] {1}, s.unsqueeze(-1));
        assertArrayEqualsShape(new int[] {1}, s.flatten());
        assertArrayEqualsShape(new int[] {3}, s.expand(3));
        assertArrayEqualsShape(new int[] {2}, Tensor.stack(0, s, s));
        assertArrayEqualsShape(new int[] {2}, Tensor.stack(-1, s, s));
    }

    private static void assertScalar(double expected, Tensor t) {
        assertEquals(0, t.dim(), () -> "expected a 0-d result, got shape " + t.shape());
        assertEquals(expected, t.item(), 1e-12);
    }

    private static void assertArrayEqualsShape(int[] expected, Tensor t) {
        assertArrayEquals(expected, t.shape().dims(), () -> "got shape " + t.shape());
    }

    @Test
    void badIndicesNeverEscapeAsArrayIndexOutOfBounds() {
        Tensor index = Tensor.of(new double[] {0, 3}, 1, 2);
        assertRejected(() -> A.gather(1, index), "gather", "3");
        assertRejected(() -> A.gather(1, Tensor.of(new double[] {-1}, 1, 1)), "gather");
        assertRejected(() -> A.gather(1, Tensor.of(new double[] {0.5}, 1, 1)), "gather");
        assertRejected(() -> A.gather(0, Tensor.of(new double[] {0, 1}, 2)), "gather", "dims");
        assertRejected(() -> A.gather(1, Tensor.zeros(DType.FLOAT64, 3, 1)), "gather", "[3, 1]");
        assertRejected(() -> A.indexSelect(1, 3), "indexSelect", "3");
        assertRejected(() -> A.indexSelect(0, -1), "indexSelect", "-1");
        assertRejected(() -> A.get(2, 0), "get", "2");
        assertRejected(() -> A.get(0), "get", "2 indices");
        assertRejected(() -> A.slice(1, 0, 3, 0), "slice", "step");
        assertRejected(() -> A.pad(new int[] {1}, 0), "pad");
        assertRejected(() -> A.pad(new int[] {-1, 0}, 0), "pad", "negative");
        assertRejected(() -> A.permute(0, 0), "permute", "repeats");
        assertRejected(() -> A.expand(4, 3), "expand", "[2, 3]", "[4, 3]");
        assertRejected(() -> Tensor.cat(0, A, Tensor.zeros(DType.FLOAT64, 2, 2)), "cat", "[2, 2]");
        assertRejected(() -> Tensor.stack(0, A, Tensor.zeros(DType.FLOAT64, 3, 2)), "stack", "[3, 2]");
        assertRejected(() -> Tensor.of(new double[] {1, 2, 3}, 2, 2), "3 elements", "[2, 2]");
        assertRejected(() -> A.clamp(1, 0), "clamp");
        assertRejected(() -> Tensor.zeros(2, 0).argmax(1, false), "argmax", "dim 1", "[2, 0]", "empty");
        assertRejected(() -> Tensor.zeros(2, 0).min(-1, false), "min", "[2, 0]", "empty");
    }

    @Test
    void convolutionAndPoolingGeometryIsChecked() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 1, 2, 3, 3);
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 4, 3, 2, 2), null, 1, 0, 1, 1), "conv2d", "channels");
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 4, 2, 5, 5), null, 1, 0, 1, 1), "conv2d", "fit");
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 3, 1, 2, 2), null, 1, 0, 1, 2), "conv2d", "groups");
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 4, 2, 2, 2), Tensor.zeros(DType.FLOAT64, 3), 1, 0, 1, 1),
                "conv2d", "bias");
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 4, 2, 2), null, 1, 0, 1, 1), "conv2d", "weight");
        assertRejected(() -> A.conv2d(Tensor.zeros(DType.FLOAT64, 4, 2, 2, 2), null, 1, 0, 1, 1), "conv2d", "[2, 3]");
        assertRejected(() -> x.maxPool2d(4, 1, 0), "maxPool2d");
        assertRejected(() -> x.avgPool2d(2, 0, 0), "avgPool2d", "stride");
        assertRejected(() -> x.maxPool2d(2, 2, 2), "maxPool2d", "padding");
    }

    @Test
    void backwardOnANonScalarWithoutAGradientSaysWhatToPass() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        assertRejected(() -> x.mul(2).backward(), "[2]", "gradOutput");
        assertRejected(() -> x.mul(2).backward(Tensor.of(new double[] {1, 2, 3})), "gradOutput", "[3]", "[2]");
        assertRejected(() -> Tensor.of(new double[] {1, 2}).sum().backward(), "does not require grad");
    }

    @Test
    void aSecondBackwardThroughAFreedGraphSaysSo() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward();
        assertRejected(y::backward, "second time", "retainGraph");
    }

    @Test
    void inPlaceModificationOfASavedTensorIsDetectedAtBackward() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4});
        Tensor y = x.mul(w).sum();
        w.mulInPlace(2);
        assertRejected(y::backward, "mul", "in-place", "version");
        // A saved output modified in place (inside noGrad, as required) is caught too.
        Tensor e = x.exp();
        Tensor loss = e.sum();
        try (var scope = GradMode.noGrad()) {
            e.mulInPlace(2);
        }
        assertRejected(loss::backward, "exp", "in-place");
        assertRejected(() -> x.mulInPlace(2), "mulInPlace", "requires grad");
    }

    @Test
    void anAssignedGradientMustMatchTheTensorsShapeAndDtype() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        assertRejected(() -> x.setGrad(Tensor.ones(DType.FLOAT32, 2)), "setGrad", "float32", "float64");
        assertRejected(() -> x.setGrad(Tensor.ones(DType.FLOAT64, 3)), "setGrad", "[3]", "[2]");
        x.setGrad(Tensor.ones(DType.FLOAT64, 2));
        assertEquals(DType.FLOAT64, x.grad().dtype());
        x.setGrad(null);
        assertEquals(null, x.grad());
        // A hook may not change the dtype either: the leaf's grad would end up in the wrong one.
        Tensor y = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        y.registerHook(g -> g.to(DType.FLOAT32));
        assertRejected(() -> y.sum().backward(), "hook", "float32", "float64");
    }

    @Test
    void gradOfAnInputThatDoesNotRequireGradOrIsUnusedIsExplained() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor unused = Tensor.of(new double[] {1}).requiresGrad(true);
        assertRejected(() -> Autograd.grad(x.sum(), Tensor.of(new double[] {1})), "does not require grad");
        assertRejected(() -> Autograd.grad(x.sum(), unused), "not used", "allowUnused");
    }

    @Test
    void messagesAboutATensorUseItsName() {
        Tensor w = Tensor.of(new double[] {1, 2}).name("w");
        assertEquals("w", w.name());
        assertRejected(() -> Autograd.grad(Tensor.of(new double[] {1}).requiresGrad(true).sum(), w), "'w'",
                "does not require grad");
        assertRejected(w::backward, "'w'", "does not require grad");
        assertRejected(() -> w.registerHook(g -> g), "'w'");
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(w).sum();
        w.mulInPlace(2);
        assertRejected(y::backward, "mul", "'w'", "in-place");
        assertEquals("w", w.withTangent(Tensor.ones(DType.FLOAT64, 2)).name(), "a dual keeps its primal's name");
    }
}
