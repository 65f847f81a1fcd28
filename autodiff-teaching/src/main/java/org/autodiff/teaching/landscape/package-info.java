/**
 * Loss landscapes of two-parameter problems and loss curves of one parameter, for looking at how
 * optimizers move: a
 * {@link org.autodiff.teaching.landscape.Problem} is a loss over a point (w, b);
 * {@link org.autodiff.teaching.landscape.LossGrid} evaluates it over a whole grid in one batched,
 * graph-free pass of tensor ops; {@link org.autodiff.teaching.landscape.OptimizerPath} records the
 * points a real optimizer from {@link org.autodiff.nn.optim} visits from a start point; and
 * {@link org.autodiff.teaching.landscape.Landscape} puts a grid and the paths of the five classic
 * methods together. One-parameter losses, the curves students draw first, have the same shape:
 * a {@link org.autodiff.teaching.landscape.CurveProblem} (the classic ones in
 * {@link org.autodiff.teaching.landscape.BuiltInCurve}) and the
 * {@link org.autodiff.teaching.landscape.CurvePath} an optimizer takes along it, with the slope
 * it saw at each point. Drawing is left to the caller (the command line draws with JFreeChart).
 */
package org.autodiff.teaching.landscape;
