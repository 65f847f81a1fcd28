package org.autodiff.teaching.landscape;

/**
 * A point worth marking on a loss curve, such as {@code "minimum"}.
 *
 * @param label what it is
 * @param theta where it is
 */
public record CurveLandmark(String label, double theta) {
}
