/**
 * Models, as {@code torch.nn}: {@link org.autodiff.nn.Module} and its parameters, the layers
 * ({@link org.autodiff.nn.Linear}, {@link org.autodiff.nn.Conv2d}, normalisation such as
 * {@link org.autodiff.nn.LayerNorm}, {@link org.autodiff.nn.BatchNorm2d}, pooling, dropout, activations),
 * {@link org.autodiff.nn.Sequential} and the {@link org.autodiff.nn.MLP} builder. Layers only
 * compose tensor ops; they know nothing about how gradients are computed.
 */
package org.autodiff.nn;
