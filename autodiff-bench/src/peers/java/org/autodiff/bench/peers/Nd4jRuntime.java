package org.autodiff.bench.peers;

import org.autodiff.bench.BenchData;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J (native CPU backend) and SameDiff, set up once per benchmark JVM: ND4J's thread pools
 * limited to {@link BenchData#threads()}. Its OpenMP and BLAS threads are fixed when the native
 * library loads, from {@code OMP_NUM_THREADS}, which {@code run-peers.sh} sets to the same count.
 */
final class Nd4jRuntime {
    private static boolean started;

    private Nd4jRuntime() {
    }

    private static synchronized void start() {
        if (!started) {
            Nd4j.getEnvironment().setMaxThreads(BenchData.threads());
            Nd4j.getEnvironment().setMaxMasterThreads(BenchData.threads());
            started = true;
        }
    }

    /** A float32 array of {@link BenchData#uniform} values. */
    static INDArray uniform(long seed, double scale, long... shape) {
        start();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Nd4j.create(BenchData.uniform(seed, (int) n, scale), shape, DataType.FLOAT);
    }

    /** A float32 one-hot [n, classes] array of {@link BenchData#labels}. */
    static INDArray oneHot(long seed, int n, int classes) {
        start();
        return Nd4j.create(BenchData.oneHot(BenchData.labels(seed, n, classes), classes), new long[] {n, classes},
                DataType.FLOAT);
    }

    /**
     * Mean softmax cross-entropy against one-hot targets, the formula every engine uses. The
     * dimension-less {@code logSoftmax} (last dimension): in 1.0.0-M2.1 the form with an explicit
     * dimension fails in its gradient.
     */
    static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable oneHot, long batch) {
        return sd.nn.logSoftmax(logits).mul(oneHot).sum().mul(-1.0 / batch);
    }
}
