/**
 * An optional backend whose elementwise maps, reductions, softmax and optimizer updates run on
 * the JDK's Vector API: add the {@code autodiff-vector} artifact to the class path, start the
 * JVM with {@code --add-modules jdk.incubator.vector}, and {@link org.autodiff.core.backend.Backends}
 * picks {@link org.autodiff.vector.VectorBackend} up through the service loader. With
 * {@code autodiff-native} on the class path too, its matrix products run on OpenBLAS.
 */
package org.autodiff.vector;
