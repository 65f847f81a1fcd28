package org.autodiff.vector;

import java.util.logging.Logger;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.nativeblas.OpenBlasBackend;

/**
 * Finds OpenBLAS's backend for {@link VectorBackend}'s matrix products. autodiff-native is an
 * optional dependency, so its classes are looked up by name first; only {@link Native} names
 * them, and the JVM loads (and verifies, which loads the classes it names) that class only when
 * it is first used, once they are known to be there.
 */
final class OpenBlasProducts {
    private static final String OPENBLAS_BACKEND = "org.autodiff.nativeblas.OpenBlasBackend";

    private OpenBlasProducts() {
    }

    /**
     * OpenBLAS's backend on {@code threads} threads, or null where autodiff-native is not on the
     * class path or its native library does not load (then logged once, as a fine-level message).
     */
    static JavaBackend load(int threads) {
        try {
            Class.forName(OPENBLAS_BACKEND, false, OpenBlasProducts.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return null;
        }
        try {
            return Native.create(threads);
        } catch (LinkageError | RuntimeException e) {
            Logger.getLogger(VectorBackend.class.getName()).fine(() -> "autodiff: the 'vector' backend runs its matrix "
                    + "products on the Java GEMM: OpenBLAS did not load (" + e + ")");
            return null;
        }
    }

    /** The one class that names autodiff-native's. */
    private static final class Native {
        static JavaBackend create(int threads) {
            return new OpenBlasBackend(threads);
        }
    }
}
