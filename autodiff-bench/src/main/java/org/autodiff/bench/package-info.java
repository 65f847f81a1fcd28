/**
 * JMH benchmarks of autodiff at the model level, their peers' twins (behind the {@code peers}
 * profile) and {@link org.autodiff.bench.PeerTable}, which runs both side by side and prints the
 * table in RESULTS.md.
 */
package org.autodiff.bench;
