package org.autodiff.spark.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.io.SafeTensors;
import org.autodiff.nn.io.SafeTensorsFormatException;

/**
 * A trained network as a fitted model carries it: one safetensors blob (the parameters by name,
 * the architecture in its metadata). A byte array is serialisable, so the model travels to the
 * executors that run {@code transform}, where the network is rebuilt once; and the blob is the
 * file a saved model holds ({@code <path>/data/model.safetensors}), which any safetensors reader
 * opens.
 */
final class TrainedNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String FILE = "data/model.safetensors";

    private final byte[] safetensors;
    private transient volatile Module network;
    private transient NetworkSpec spec;

    private TrainedNetwork(byte[] safetensors) {
        this.safetensors = safetensors;
    }

    /** The trained {@code model} of architecture {@code spec}. */
    static TrainedNetwork of(NetworkSpec spec, Module model) {
        return new TrainedNetwork(SafeTensors.toBytes(model.stateDict(), spec.toMetadata()));
    }

    /** The architecture. */
    NetworkSpec spec() {
        network();
        return spec;
    }

    /** The network's output for one example. */
    double[] forward(double[] features) {
        Module net = network();
        if (features.length != spec.inputs()) {
            throw new IllegalArgumentException("the model takes " + spec.inputs() + " features, got a vector of "
                    + features.length);
        }
        try (var ignored = GradMode.noGrad()) {
            return net.forward(Tensor.of(features, 1, features.length)).toDoubleArray();
        }
    }

    private Module network() {
        Module net = network;
        if (net == null) {
            synchronized (this) {
                if (network == null) {
                    SafeTensors file;
                    try {
                        file = SafeTensors.fromBytes(safetensors);
                    } catch (SafeTensorsFormatException e) {
                        throw new IllegalStateException("the model's safetensors data is damaged: " + e.getMessage(), e);
                    }
                    spec = NetworkSpec.fromMetadata(file.metadata());
                    Module built = spec.create();
                    built.loadStateDict(file.tensors());
                    built.eval();
                    network = built;
                }
                net = network;
            }
        }
        return net;
    }

    /** Writes the blob under the saved model's folder {@code path}, on any file system Hadoop reaches. */
    void save(String path, SparkSession session) {
        Path file = new Path(path, FILE);
        try {
            FileSystem fs = file.getFileSystem(session.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, true)) {
                out.write(safetensors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Reads the blob from the saved model's folder {@code path}. */
    static TrainedNetwork load(String path, SparkSession session) {
        Path file = new Path(path, FILE);
        try {
            FileSystem fs = file.getFileSystem(session.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(file)) {
                TrainedNetwork loaded = new TrainedNetwork(in.readAllBytes());
                loaded.spec();
                return loaded;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
