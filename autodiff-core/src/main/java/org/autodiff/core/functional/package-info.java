/**
 * Derivatives of user functions built from the two modes: gradients, VJPs, JVPs, Jacobians by
 * rows or columns, Hessian-vector products and Hessians ({@link org.autodiff.core.functional.Functional}).
 */
package org.autodiff.core.functional;
