/** The training loop for classifiers ({@link org.autodiff.nn.train.Trainer}) and their evaluation ({@link org.autodiff.nn.train.Evaluation}). */
package org.autodiff.nn.train;
