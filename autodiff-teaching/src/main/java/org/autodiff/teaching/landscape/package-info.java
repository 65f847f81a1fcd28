/**
 * Loss landscapes of two-parameter problems, for looking at how optimizers move: a
 * {@link org.autodiff.teaching.landscape.Problem} is a loss over a point (w, b);
 * {@link org.autodiff.teaching.landscape.LossGrid} evaluates it over a whole grid in one batched,
 * graph-free pass of tensor ops; {@link org.autodiff.teaching.landscape.OptimizerPath} records the
 * points a real optimizer from {@link org.autodiff.nn.optim} visits from a start point; and
 * {@link org.autodiff.teaching.landscape.Landscape} puts a grid and the paths of the five classic
 * methods together. Drawing is left to the caller (the command line draws with JFreeChart).
 */
package org.autodiff.teaching.landscape;
