package org.autodiff.teaching.landscape;

/** A point worth marking on a landscape, such as {@code "minimum"} or {@code "saddle point"}. */
public record Landmark(String label, double w, double b) {
}
