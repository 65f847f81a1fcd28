/**
 * An optional backend that runs matrix products on OpenBLAS: add the {@code autodiff-native}
 * artifact to the class path and {@link org.autodiff.core.backend.Backends} picks
 * {@link org.autodiff.nativeblas.OpenBlasBackend} up through the service loader; the system property
 * {@code -Dautodiff.backend=java} switches back to the pure-Java backend.
 */
package org.autodiff.nativeblas;
