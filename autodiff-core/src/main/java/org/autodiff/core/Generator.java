package org.autodiff.core;

import java.util.SplittableRandom;

/**
 * A seedable source of random numbers for {@link Tensor#rand} and {@link Tensor#randn}, like
 * PyTorch's {@code torch.Generator}. Not thread-safe: give each thread its own.
 */
public final class Generator {
    private static Generator global = new Generator(0x5eed);

    private SplittableRandom random;

    /**
     * A generator seeded with {@code seed}.
     *
     * @param seed the seed
     */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /**
     * The generator factories use when none is given.
     *
     * @return the global generator
     */
    public static synchronized Generator global() {
        return global;
    }

    /**
     * Reseeds the global generator, as {@code torch.manual_seed}.
     *
     * @param seed the seed
     */
    public static synchronized void seedGlobal(long seed) {
        global.manualSeed(seed);
    }

    /**
     * Reseeds this generator.
     *
     * @param seed the seed
     * @return this generator
     */
    public Generator manualSeed(long seed) {
        random = new SplittableRandom(seed);
        return this;
    }

    /**
     * Uniform in [0, 1).
     *
     * @return the next uniform value
     */
    public double nextUniform() {
        return random.nextDouble();
    }

    /**
     * Standard normal.
     *
     * @return the next normal value
     */
    public double nextNormal() {
        return random.nextGaussian();
    }

    /**
     * Uniform integer in [0, bound).
     *
     * @param bound the exclusive upper bound, positive
     * @return the next integer
     */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
