/**
 * An optional backend whose elementwise maps, reductions, softmax and optimizer updates run on
 * the JDK's Vector API: add the {@code autodiff-vector} artifact to the class path, start the
 * JVM with {@code --add-modules jdk.incubator.vector}, and {@link org.autodiff.core.backend.Backends}
 * picks {@link org.autodiff.vector.VectorBackend} up through the service loader (unless OpenBLAS,
 * of higher priority, is there too: {@code -Dautodiff.backend=vector} then chooses it).
 */
package org.autodiff.vector;
