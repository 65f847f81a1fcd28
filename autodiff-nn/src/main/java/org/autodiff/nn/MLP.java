package org.autodiff.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;

/**
 * Builds a multilayer perceptron as a {@link Sequential} of {@link Linear} layers with an
 * activation between them (none after the last layer, which outputs logits or values):
 *
 * <pre>{@code
 * Sequential net = MLP.builder(2).hidden(16, 16).output(3)
 *         .activation(ReLU::new).dtype(DType.FLOAT64).generator(new Generator(42)).build();
 * // Sequential(Linear(2→16), ReLU, Linear(16→16), ReLU, Linear(16→3))
 * }</pre>
 */
public final class MLP {
    private MLP() {
    }

    /**
     * A builder for a network taking {@code inFeatures} inputs.
     *
     * @param inFeatures the number of input features
     * @return the builder
     */
    public static Builder builder(int inFeatures) {
        return new Builder(inFeatures);
    }

    /** The layer sizes and options of an MLP; defaults: ReLU, float32, the global generator. */
    public static final class Builder {
        private final List<Integer> sizes = new ArrayList<>();
        private Supplier<Module> activation = ReLU::new;
        private DType dtype = DType.FLOAT32;
        private Generator generator = Generator.global();
        private boolean hasOutput;

        private Builder(int inFeatures) {
            sizes.add(inFeatures);
        }

        /**
         * Adds hidden layers of the given widths.
         *
         * @param widths the hidden layers' widths, in order
         * @return this builder
         */
        public Builder hidden(int... widths) {
            for (int w : widths) {
                sizes.add(w);
            }
            return this;
        }

        /**
         * Sets the output width (the last layer).
         *
         * @param outFeatures the number of outputs, e.g. the number of classes
         * @return this builder
         */
        public Builder output(int outFeatures) {
            sizes.add(outFeatures);
            hasOutput = true;
            return this;
        }

        /**
         * The activation placed after every layer but the last.
         *
         * @param activation makes a new activation module for each place, e.g. {@code ReLU::new}
         * @return this builder
         */
        public Builder activation(Supplier<Module> activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * The parameters' dtype.
         *
         * @param dtype the parameters' dtype
         * @return this builder
         */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /**
         * The generator the layers are initialised from, in order.
         *
         * @param generator the random source of the initial weights
         * @return this builder
         */
        public Builder generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * The network.
         *
         * @return the network, its layers initialised from the generator
         * @throws IllegalStateException if no output width was set
         */
        public Sequential build() {
            if (!hasOutput) {
                throw new IllegalStateException("MLP: call output(n) before build()");
            }
            Sequential net = new Sequential();
            for (int i = 0; i + 1 < sizes.size(); i++) {
                if (i > 0) {
                    net.append(activation.get());
                }
                net.append(new Linear(sizes.get(i), sizes.get(i + 1), true, dtype, generator));
            }
            return net;
        }
    }
}
