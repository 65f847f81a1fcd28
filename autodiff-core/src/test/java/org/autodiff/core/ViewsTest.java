package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Views as PyTorch has them: transpose, permute, expand, slice, reshape, squeeze and unsqueeze
 * share their base's storage and version counter, so an in-place update through either is seen
 * by the other and invalidates tensors saved for backward; contiguous() copies only when needed.
 */
class ViewsTest {

    private static Tensor grid() {
        // [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
        return Tensor.arange(DType.FLOAT64, 0, 12, 1).reshape(3, 4);
    }

    @Test
    void inPlaceUpdateThroughTransposeIsSeenByTheBaseAndBack() {
        Tensor base = grid();
        Tensor t = base.transpose(0, 1);
        assertFalse(t.isContiguous());
        assertArrayEquals(new int[] {1, 4}, t.strides());
        assertEquals(6.0, t.get(2, 1));

        t.addInPlace(Tensor.ones(DType.FLOAT64, 4, 3), 10);
        assertEquals(16.0, base.get(1, 2), "the base sees the update made through the view");
        assertEquals(10.0, base.get(0, 0));

        base.mulInPlace(2);
        assertEquals(32.0, t.get(2, 1), "the view sees the update made through the base");
        assertEquals(base.version(), t.version());
        assertEquals(2, base.version());
    }

    @Test
    void sliceWritesOnlyItsOwnElements() {
        Tensor base = grid();
        Tensor columns = base.slice(1, 1, 4, 2);  // columns 1 and 3
        assertArrayEquals(new double[] {1, 3, 5, 7, 9, 11}, columns.toDoubleArray());
        assertEquals(1, columns.storageOffset());
        columns.copyFrom(Tensor.full(DType.FLOAT64, -1, 3, 2));
        assertArrayEquals(new double[] {0, -1, 2, -1, 4, -1, 6, -1, 8, -1, 10, -1}, base.toDoubleArray());

        Tensor row = base.slice(0, 2, 3, 1).squeeze(0);
        row.copyFrom(Tensor.zeros(DType.FLOAT64, 4));
        assertArrayEquals(new double[] {0, -1, 2, -1, 4, -1, 6, -1, 0, 0, 0, 0}, base.toDoubleArray());
    }

    @Test
    void copyFromIsExactWhateverTheTargetHeld() {
        // copyFrom once computed target·0 + source: an infinity or NaN in the target became NaN,
        // and a source's −0 became +0. PyTorch's copy_ copies.
        Tensor target = Tensor.of(new double[] {Double.POSITIVE_INFINITY, Double.NaN, 5, -7}, 4);
        target.copyFrom(Tensor.of(new double[] {1, 2, -0.0, Double.NEGATIVE_INFINITY}, 4));
        assertArrayEquals(new double[] {1, 2, -0.0, Double.NEGATIVE_INFINITY}, target.toDoubleArray());

        Tensor floats = Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 1, 1, 1, 1}, 2, 3);
        floats.copyFrom(Tensor.of(new double[] {-0.0, 3, 0.1}, 3));  // broadcast over rows, converted to float32
        assertArrayEquals(new float[] {-0.0f, 3, 0.1f, -0.0f, 3, 0.1f}, floats.toFloatArray());

        Tensor column = Tensor.full(DType.FLOAT64, Double.NaN, 2, 2).slice(1, 0, 1, 1);
        column.copyFrom(Tensor.of(new double[] {4, 5}, 2, 1));
        assertArrayEquals(new double[] {4, 5}, column.toDoubleArray(), "through a view as well");
    }

    @Test
    void viewsOfViewsComposeTheirStridesAndOffsets() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 3, 4);
        Tensor v = x.permute(2, 0, 1).slice(0, 1, 4, 2).unsqueeze(1).expand(2, 5, 2, 3);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 5; b++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(x.get(i, j, 1 + 2 * a), v.get(a, b, i, j));
                    }
                }
            }
        }
        // Every one of them still reads and writes the base's storage.
        x.slice(2, 3, 4, 1).mulInPlace(-1);
        assertEquals(-(1 * 12 + 2 * 4 + 3), v.get(1, 4, 1, 2));
    }

    @Test
    void reshapeIsAViewWhereTheStridesAllowAndACopyElsewhere() {
        Tensor base = Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(4, 6);
        Tensor rows = base.slice(0, 1, 3, 1).reshape(3, 4);  // rows 1 and 2 lie in one block
        rows.mulInPlace(0);
        assertEquals(0.0, base.get(2, 5), "a reshape of a slice of whole rows is a view");

        Tensor t = base.transpose(0, 1);
        Tensor flat = t.reshape(24);
        assertTrue(flat.isContiguous());
        flat.mulInPlace(0);
        assertEquals(23.0, base.get(3, 5), "a transposed tensor cannot be flattened without a copy");
        assertEquals(18.0, t.reshape(6, 4).get(0, 3), "the copy holds the transposed order");
        assertThrows(IllegalArgumentException.class, () -> t.viewAs(Shape.of(24)));
    }

    @Test
    void backwardRefusesASavedTensorModifiedThroughAView() {
        Tensor x = Tensor.ones(DType.FLOAT64, 2, 2).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor y = x.mul(w).sum();  // mul saves w for x's gradient
        w.transpose(0, 1).mulInPlace(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("modified by an in-place operation"), e.getMessage());

        Tensor w2 = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor saved = w2.slice(1, 0, 1, 1);
        Tensor z = x.matmul(saved).sum();  // saves the view
        w2.addInPlace(Tensor.ones(DType.FLOAT64, 2, 2), 1);  // through the base
        assertThrows(IllegalStateException.class, z::backward);
    }

    @Test
    void viewsMadeBeforeAnyUpdateShareOneCounter() {
        // A tensor gets its counter only when a view or an update needs it: every view made
        // from a fresh tensor, and views of those views and their detached aliases, must still
        // count each other's updates.
        Tensor base = grid();
        Tensor t = base.transpose(0, 1);
        Tensor alias = t.detach();
        Tensor row = base.slice(0, 1, 2, 1);
        assertEquals(0, base.version());
        alias.mulInPlace(2);
        assertEquals(1, base.version());
        assertEquals(1, t.version());
        assertEquals(1, row.version());
        row.mulInPlace(2);
        assertEquals(2, alias.version());
        assertEquals(20.0, base.get(1, 1), "5 doubled twice, through two different views");
    }

    @Test
    void backwardComparesWithTheVersionSavedNotWithZero() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4});
        w.mulInPlace(2);  // saved below at version 1
        Tensor y = x.mul(w).sum();
        y.backward(null, true, false);
        assertArrayEquals(new double[] {6, 8}, x.grad().toDoubleArray());
        w.mulInPlace(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("is at version 2; expected version 1"), e.getMessage());
    }

    @Test
    void gradientsFlowThroughViewsAsThroughCopies() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 6, 1).reshape(2, 3).requiresGrad(true);
        Tensor c = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        x.transpose(0, 1).mul(c).sum().backward();
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, x.grad().toDoubleArray());

        Tensor y = Tensor.of(new double[] {1, 2}, 2, 1).requiresGrad(true);
        y.expand(2, 3).slice(1, 0, 3, 2).sum().backward();
        assertArrayEquals(new double[] {2, 2}, y.grad().toDoubleArray());
    }

    @Test
    void contiguousIsTheTensorItselfWhenAlreadyContiguous() {
        Tensor x = grid();
        assertSame(x, x.contiguous());
        Tensor firstRows = x.slice(0, 0, 2, 1);
        assertTrue(firstRows.isContiguous());
        assertSame(firstRows, firstRows.contiguous());
        assertSame(x.storage(), x.storage(), "a dense tensor hands kernels its own array");

        Tensor t = x.transpose(0, 1);
        Tensor c = t.contiguous();
        assertNotSame(t, c);
        assertTrue(c.isContiguous());
        assertArrayEquals(t.toDoubleArray(), c.toDoubleArray());
        c.mulInPlace(0);
        assertEquals(11.0, x.get(2, 3), "the copy has storage of its own");
    }

    @Test
    void anExpandedViewCannotBeUpdatedInPlace() {
        Tensor x = Tensor.ones(DType.FLOAT64, 1, 3);
        Tensor e = x.expand(4, 3);
        IllegalStateException err = assertThrows(IllegalStateException.class, () -> e.mulInPlace(2));
        assertTrue(err.getMessage().contains("single memory location"), err.getMessage());
        assertArrayEquals(new double[] {1, 1, 1}, x.toDoubleArray());
    }

    @Test
    void asStridedRefusesToReachOutsideTheStorage() {
        Tensor x = grid();
        assertThrows(IllegalArgumentException.class, () -> x.asStrided(Shape.of(4, 4), new int[] {4, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> x.asStrided(Shape.of(2), new int[] {-1}, 5));
        assertEquals(11.0, x.asStrided(Shape.of(2, 2), new int[] {4, 1}, 6).get(1, 1));
    }

    @Test
    void expandingOneElementToTwoToTheThirtyAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Tensor one = Tensor.scalar(1.5, DType.FLOAT64);
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        Tensor e = one.expand(1 << 30);
        Tensor rows = one.expand(1 << 15, 1 << 15);
        double total = e.sum().item();
        Tensor rowSums = rows.sum(1, false);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertEquals(1 << 30, e.numel());
        assertEquals(1.5 * (1 << 30), total);
        assertArrayEquals(new int[] {1 << 15}, rowSums.shape().dims());
        assertEquals(1.5 * (1 << 15), rowSums.get(12345));
        // The row sums' own 2^15 doubles (256 KiB) and bookkeeping; a copy would be 8 GiB.
        assertTrue(allocated < (4 << 20), "allocated " + allocated + " bytes");
    }

    @Test
    void theGradientOfAHugeExpandIsASumWithoutACopy() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Tensor x = Tensor.scalar(1.5, DType.FLOAT64).requiresGrad(true);
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        x.expand(1 << 30).sum().backward();
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals(1 << 30, x.grad().item());
        assertTrue(allocated < (4 << 20), "allocated " + allocated + " bytes");
    }

    @Test
    void aKernelThatMustMaterialiseAHugeViewRaisesTheSizeError() {
        long max = Runtime.getRuntime().maxMemory();
        // The result of exp over 2^30 float64 elements needs 8 GiB, as it would in PyTorch.
        assumeTrue(8L * (1 << 30) > max, "a heap above 8 GiB holds this result");
        Tensor e = Tensor.scalar(1, DType.FLOAT64).expand(1 << 30);
        TensorTooLargeException err = assertThrows(TensorTooLargeException.class, e::exp);
        assertTrue(err.getMessage().contains("1073741824"), err.getMessage());
    }
}
