package org.autodiff.nativeblas;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One thread's native copies of the three matrices of a product, kept between calls and grown
 * when a larger product comes: allocating fresh native memory per call costs a page fault per
 * 4 KiB touched, about a third of a 1024² float64 product on OpenBLAS. The memory lives as long
 * as the thread, sized to the largest product it has run.
 */
final class NativeBuffers {
    private static final ThreadLocal<NativeBuffers> PER_THREAD = ThreadLocal.withInitial(NativeBuffers::new);

    private final DoublePointer[] doubles = new DoublePointer[3];
    private final FloatPointer[] floats = new FloatPointer[3];

    private NativeBuffers() {
    }

    /** This thread's buffers. */
    static NativeBuffers get() {
        return PER_THREAD.get();
    }

    /** Native float64 buffer number {@code which} (0: A, 1: B, 2: C) of at least {@code length} elements. */
    DoublePointer doubles(int which, long length) {
        DoublePointer p = doubles[which];
        if (p == null || p.capacity() < length) {
            if (p != null) {
                p.deallocate();
            }
            p = doubles[which] = new DoublePointer(length);
        }
        return p;
    }

    /** Native float32 buffer number {@code which} (0: A, 1: B, 2: C) of at least {@code length} elements. */
    FloatPointer floats(int which, long length) {
        FloatPointer p = floats[which];
        if (p == null || p.capacity() < length) {
            if (p != null) {
                p.deallocate();
            }
            p = floats[which] = new FloatPointer(length);
        }
        return p;
    }
}
