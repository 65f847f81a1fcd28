/** Loss functions with PyTorch's reductions and numerically stable forms ({@link org.autodiff.nn.loss.Losses}). */
package org.autodiff.nn.loss;
