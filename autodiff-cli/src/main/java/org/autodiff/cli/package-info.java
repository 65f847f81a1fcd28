/**
 * The {@code autodiff} command line ({@link org.autodiff.cli.AutodiffCli}): {@code train},
 * {@code evaluate}, {@code gradients}, {@code landscape} and {@code graph}. Charts live in
 * {@link org.autodiff.cli.plot}; everything else is library code from autodiff-nn and core.
 */
package org.autodiff.cli;
