/**
 * Correctness tools for users' own functions and ops: central differences
 * ({@link org.autodiff.check.CentralDifference}) and gradient checks of first and second order in
 * both modes ({@link org.autodiff.check.GradCheck}). jqwik arbitraries for property tests ship in
 * autodiff-core's test jar ({@code org.autodiff.check.TensorArbitraries}).
 */
package org.autodiff.check;
