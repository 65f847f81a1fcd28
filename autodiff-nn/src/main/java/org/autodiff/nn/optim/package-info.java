/**
 * Optimizers whose {@code step()} follows the algorithm boxes of {@code torch.optim} (SGD with
 * momentum and Nesterov, Adagrad, RMSprop, Adam, AdamW), their saved state, and gradient
 * clipping. Learning-rate schedules are in {@link org.autodiff.nn.optim.lr}.
 */
package org.autodiff.nn.optim;
