package org.autodiff.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitrary;

/**
 * One entry of the op registry ({@link OpRegistry}), like PyTorch's {@code OpInfo}: which public
 * {@code Tensor} methods it covers, the domain its random inputs come from, random cases
 * (jqwik shrinks them on a failure), fixed sample inputs at the interesting points (ties, kinks,
 * zeros, large magnitudes, broadcasting, 0-d and zero-size tensors), the error inputs with the
 * exception each must raise, and the float32 tolerance. {@link Laws#checkAll(OpInfo)} runs every
 * law on it.
 *
 * <pre>{@code
 * OpInfo cube = OpInfo.builder("cube")
 *         .domain(Domain.REAL)
 *         .cases(TensorArbitraries.shapes().flatMap(Domain.REAL::tensors)
 *                 .map(x -> OpCase.of("cube", in -> new Cube().apply(in[0]), x)))
 *         .sample(OpCase.of("cube", in -> new Cube().apply(in[0]), Tensor.zeros(DType.FLOAT64, 2, 3)))
 *         .build();
 * Laws.checkAll(cube);
 * }</pre>
 */
public final class OpInfo {
    /** float32's default tolerance: a few units of float32's 6e-8 rounding, times the size of a short op chain. */
    public static final double DEFAULT_FLOAT32_TOLERANCE = 1e-4;

    private final String name;
    private final List<String> covers;
    private final Domain domain;
    private final Arbitrary<OpCase> cases;
    private final List<OpCase> samples;
    private final List<ErrorInput> errorInputs;
    private final double float32Tolerance;
    private final boolean secondOrder;
    private final boolean broadcasts;
    private final boolean float32;

    private OpInfo(Builder b) {
        this.name = b.name;
        this.covers = List.copyOf(b.covers);
        this.domain = b.domain;
        this.cases = Objects.requireNonNull(b.cases, () -> "OpInfo " + b.name + ": no cases");
        this.samples = b.samples.stream().map(c -> c.of(b.name)).toList();
        this.errorInputs = List.copyOf(b.errorInputs);
        this.float32Tolerance = b.float32Tolerance;
        this.secondOrder = b.secondOrder;
        this.broadcasts = b.broadcasts;
        this.float32 = b.float32;
    }

    /**
     * Starts an entry.
     *
     * @param name the op's name, e.g. "mul"
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The op's name.
     *
     * @return the name, e.g. "mul"
     */
    public String name() {
        return name;
    }

    /**
     * The public {@code Tensor} methods this entry tests, as {@code name(ParamType,...)} with
     * simple type names, e.g. {@code "mul(Tensor)"}, {@code "sum(int[],boolean)"}.
     *
     * @return the signatures
     */
    public List<String> covers() {
        return covers;
    }

    /**
     * The domain the random inputs come from.
     *
     * @return the domain
     */
    public Domain domain() {
        return domain;
    }

    /**
     * Random cases of the op, each smooth at its inputs; they carry this entry's name.
     *
     * @return the arbitrary
     */
    public Arbitrary<OpCase> cases() {
        return cases.map(c -> c.of(name));
    }

    /**
     * Fixed cases at the interesting points: ties, kinks, zeros, large magnitudes, broadcasting,
     * 0-d and zero-size inputs. A case at a kink or tie is marked ({@link OpCase#smooth()} false).
     *
     * @return the samples
     */
    public List<OpCase> samples() {
        return samples;
    }

    /**
     * Bad inputs and the exception each must raise.
     *
     * @return the error inputs
     */
    public List<ErrorInput> errorInputs() {
        return errorInputs;
    }

    /**
     * How closely float32 must agree with float64: |y₃₂ − y₆₄| ≤ tol·(1 + |y₆₄|) elementwise, for
     * values and gradients.
     *
     * @return the tolerance
     */
    public double float32Tolerance() {
        return float32Tolerance;
    }

    /**
     * Whether grad-of-grad is checked (false for ops whose second derivative is zero wherever it
     * exists, e.g. relu, or piecewise, where it adds nothing).
     *
     * @return whether the second-order laws apply
     */
    public boolean secondOrder() {
        return secondOrder;
    }

    /**
     * Whether the op broadcasts its inputs elementwise, so that the op on broadcast inputs must
     * equal the op on expanded inputs.
     *
     * @return whether the broadcast law applies
     */
    public boolean broadcasts() {
        return broadcasts;
    }

    /**
     * Whether the op accepts float32 inputs (false for an op fixed to float64 constants).
     *
     * @return whether the float32 law applies
     */
    public boolean float32() {
        return float32;
    }

    @Override
    public String toString() {
        return name + " " + covers + " on " + domain;
    }

    /** Builds an {@link OpInfo}. */
    public static final class Builder {
        private final String name;
        private final List<String> covers = new ArrayList<>();
        private Domain domain = Domain.REAL;
        private Arbitrary<OpCase> cases;
        private final List<OpCase> samples = new ArrayList<>();
        private final List<ErrorInput> errorInputs = new ArrayList<>();
        private double float32Tolerance = DEFAULT_FLOAT32_TOLERANCE;
        private boolean secondOrder = true;
        private boolean broadcasts;
        private boolean float32 = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "OpInfo.builder: name");
        }

        /**
         * The {@code Tensor} methods the entry tests.
         *
         * @param signatures e.g. {@code "mul(Tensor)"}
         * @return this builder
         */
        public Builder covers(String... signatures) {
            covers.addAll(List.of(signatures));
            return this;
        }

        /**
         * The domain of the random inputs (as a description: {@link #cases} draws them).
         *
         * @param d the domain
         * @return this builder
         */
        public Builder domain(Domain d) {
            this.domain = Objects.requireNonNull(d, "domain");
            return this;
        }

        /**
         * The random cases.
         *
         * @param arbitrary the cases
         * @return this builder
         */
        public Builder cases(Arbitrary<OpCase> arbitrary) {
            this.cases = Objects.requireNonNull(arbitrary, "cases");
            return this;
        }

        /**
         * Adds fixed sample cases.
         *
         * @param cases the samples
         * @return this builder
         */
        public Builder sample(OpCase... cases) {
            samples.addAll(List.of(cases));
            return this;
        }

        /**
         * Adds fixed sample cases.
         *
         * @param cases the samples
         * @return this builder
         */
        public Builder samples(List<OpCase> cases) {
            samples.addAll(cases);
            return this;
        }

        /**
         * Adds error inputs.
         *
         * @param errors the error inputs
         * @return this builder
         */
        public Builder errors(ErrorInput... errors) {
            errorInputs.addAll(List.of(errors));
            return this;
        }

        /**
         * The float32 tolerance (default {@link #DEFAULT_FLOAT32_TOLERANCE}).
         *
         * @param tolerance the tolerance
         * @return this builder
         */
        public Builder float32Tolerance(double tolerance) {
            this.float32Tolerance = tolerance;
            return this;
        }

        /**
         * Marks the op as checked to first order only.
         *
         * @return this builder
         */
        public Builder firstOrderOnly() {
            this.secondOrder = false;
            return this;
        }

        /**
         * Marks the op as broadcasting its inputs elementwise.
         *
         * @return this builder
         */
        public Builder broadcasting() {
            this.broadcasts = true;
            return this;
        }

        /**
         * Marks the op as float64 only.
         *
         * @return this builder
         */
        public Builder float64Only() {
            this.float32 = false;
            return this;
        }

        /**
         * The entry.
         *
         * @return the entry
         */
        public OpInfo build() {
            return new OpInfo(this);
        }
    }
}
