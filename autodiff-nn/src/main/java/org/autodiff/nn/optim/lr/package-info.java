/** Learning-rate schedulers with {@code torch.optim.lr_scheduler}'s values, stepped once per epoch. */
package org.autodiff.nn.optim.lr;
