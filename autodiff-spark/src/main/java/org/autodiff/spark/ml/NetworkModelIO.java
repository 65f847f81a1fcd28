package org.autodiff.spark.ml;

import java.util.function.BiFunction;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * Saving and loading the fitted models as spark.ml does: the params as Spark's JSON metadata
 * ({@code <path>/metadata}), the network as a safetensors file ({@code <path>/data}).
 */
final class NetworkModelIO {
    private NetworkModelIO() {
    }

    /** Writes {@code stage}'s params and {@code network}. */
    static final class Writer extends MLWriter {
        private final Params stage;
        private final TrainedNetwork network;

        Writer(Params stage, TrainedNetwork network) {
            this.stage = stage;
            this.network = network;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(stage, path, sparkSession());
            network.save(path, sparkSession());
        }
    }

    /** Reads a model of class {@code type}, made by {@code create} from its uid and network. */
    static final class Reader<M extends Params> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, TrainedNetwork, M> create;

        Reader(Class<M> type, BiFunction<String, TrainedNetwork, M> create) {
            this.type = type;
            this.create = create;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), type.getName());
            M model = create.apply(metadata.uid(), TrainedNetwork.load(path, sparkSession()));
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
