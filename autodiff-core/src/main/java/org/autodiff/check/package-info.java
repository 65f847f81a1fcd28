/**
 * Correctness tools for users' own functions and ops: central differences
 * ({@link org.autodiff.check.CentralDifference}) and gradient checks of first and second order in
 * both modes ({@link org.autodiff.check.GradCheck}). jqwik arbitraries, an op registry and
 * the laws of differentiation as a library are in the module autodiff-testkit
 * ({@code org.autodiff.testkit}).
 */
package org.autodiff.check;
