package org.autodiff.nn.data;

import org.autodiff.core.Generator;

/** Random permutations (Fisher-Yates), shared by the loader, the splits and the synthetic sets. */
final class Permutations {
    private Permutations() {
    }

    /** 0 .. n-1 in an order drawn from {@code g}. */
    static int[] random(int n, Generator g) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return shuffle(p, g);
    }

    /** Shuffles {@code a} in place, each order equally likely; returns {@code a}. */
    static int[] shuffle(int[] a, Generator g) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
