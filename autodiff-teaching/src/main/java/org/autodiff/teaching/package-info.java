/**
 * The textbook view on the scalar engine: a {@link org.autodiff.nn.teaching.Neuron}
 * y = φ(w·x + b), a {@link org.autodiff.nn.teaching.Layer} of them and an
 * {@link org.autodiff.nn.teaching.MLP}, trained by plain gradient descent in
 * {@link org.autodiff.nn.teaching.TeachingDemo}.
 */
package org.autodiff.nn.teaching;
