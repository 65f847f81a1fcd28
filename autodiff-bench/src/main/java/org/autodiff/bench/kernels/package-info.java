/** Kernel-level JMH benchmarks: GEMM in GFLOP/s per backend and thread count, and the elementwise kernels. */
package org.autodiff.bench.kernels;
