package org.autodiff.bench.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import org.autodiff.bench.BenchData;
import org.autodiff.core.Tensor;

/**
 * PyTorch through DJL, set up once per benchmark JVM: the CPU engine loaded offline from the
 * pytorch-native-cpu jar (system properties set by {@code PeerTable}), intra-op threads set to
 * {@link BenchData#threads()}, one inter-op thread.
 */
final class TorchRuntime {
    private static NDManager manager;

    private TorchRuntime() {
    }

    /** The root manager; arrays made from it live for the whole benchmark. */
    static synchronized NDManager manager() {
        if (manager == null) {
            Engine engine = Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(BenchData.threads());
            manager = engine.newBaseManager();
        }
        return manager;
    }

    /** A float32 array of {@link BenchData#uniform} values. */
    static NDArray uniform(long seed, double scale, long... shape) {
        return manager().create(BenchData.uniform(seed, (int) new Shape(shape).size(), scale), new Shape(shape));
    }

    /**
     * A float32 copy of one of autodiff's tensors, same shape and values: the twins of autodiff's
     * layer benchmarks start from the very weights and inputs autodiff's layers were built with.
     */
    static NDArray copyOf(Tensor tensor) {
        long[] shape = Arrays.stream(tensor.shape().dims()).asLongStream().toArray();
        return manager().create(tensor.toFloatArray(), new Shape(shape));
    }

    /** A float32 one-hot [n, classes] array of {@link BenchData#labels}. */
    static NDArray oneHot(long seed, int n, int classes) {
        return manager().create(BenchData.oneHot(BenchData.labels(seed, n, classes), classes), new Shape(n, classes));
    }

    /** Mean softmax cross-entropy against one-hot targets, the formula every engine uses. */
    static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum().mul(-1.0f / logits.getShape().get(0));
    }

    /** Sets each parameter's gradient to zero in place, as {@code optimizer.zero_grad(set_to_none=False)}. */
    static void zeroGradients(NDArray... parameters) {
        for (NDArray p : parameters) {
            NDArray g = p.getGradient();
            g.subi(g);
        }
    }
}
