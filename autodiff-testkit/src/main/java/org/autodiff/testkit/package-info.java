/**
 * Property testing for derivatives, as a library: jqwik arbitraries for shapes and tensors in
 * named domains ({@link org.autodiff.testkit.TensorArbitraries}, {@link org.autodiff.testkit.Domain}).
 * autodiff's own catalogue-wide property tests run through it, and a user's ops can too.
 */
package org.autodiff.testkit;
