package org.autodiff.teaching.landscape;

/**
 * A point worth marking on a landscape, such as {@code "minimum"} or {@code "saddle point"}.
 *
 * @param label what it is
 * @param w the point's first parameter, w
 * @param b the point's second parameter, b
 */
public record Landmark(String label, double w, double b) {
}
