/**
 * The textbook view on the scalar engine: a {@link org.autodiff.teaching.ScalarNeuron}
 * y = φ(w·x + b), a {@link org.autodiff.teaching.ScalarLayer} of them and an
 * {@link org.autodiff.teaching.ScalarMlp}, trained by plain gradient descent in
 * {@link org.autodiff.teaching.TeachingDemo}.
 */
package org.autodiff.teaching;
