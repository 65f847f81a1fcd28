package org.autodiff.vector;

import java.util.logging.Logger;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.nativeblas.OpenBlasBackend;

/**
 * Finds OpenBLAS's backend for {@link VectorBackend}'s matrix products. autodiff-native is an
 * optional dependency, so its classes are looked up before any is named: this class is the only
 * one that names them, and {@link #load} names them only once they are known to be there.
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
            return create(threads);
        } catch (LinkageError | RuntimeException e) {
            Logger.getLogger(VectorBackend.class.getName()).fine(() -> "autodiff: the 'vector' backend runs its matrix "
                    + "products on the Java GEMM: OpenBLAS did not load (" + e + ")");
            return null;
        }
    }

    /** Kept apart from {@link #load} so that its class constant is resolved only when called. */
    private static JavaBackend create(int threads) {
        return new OpenBlasBackend(threads);
    }
}
