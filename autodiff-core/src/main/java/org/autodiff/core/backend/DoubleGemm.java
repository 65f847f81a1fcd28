package org.autodiff.core.backend;

/**
 * Cache-blocked, multi-threaded float64 matrix product {@code C = op(A)·op(B)}, row-major.
 *
 * <p>C is cut into tiles of at most {@link #ROWS} rows by {@link #PANEL} columns, one task each.
 * A task walks k in blocks of {@link #DEPTH}: it packs the block of op(B) into a contiguous
 * panel (reading B transposed or not, so no transposed copy of B is ever made), then for each
 * of its rows accumulates that row's slice of C in a small buffer and adds it to C. A is read
 * element by element in either orientation: each element read feeds a whole panel row.
 *
 * <p>The inner loop adds four packed rows of op(B), weighted by four elements of A, to the row
 * buffer. C2 turns it into SIMD code only in this shape (measured on JDK 17 with AVX-512): one
 * stored array, and every array indexed by the loop counter alone, so all accesses are equally
 * aligned. Hence the panel is an array of rows rather than one flat array, and the row buffer
 * starts at index 0; wider unrolls, flat panels with a variable row offset, or several stored rows
 * per loop fall back to scalar code, two to three times slower.
 */
final class DoubleGemm {
    /** Columns of C per tile: the length of a packed panel row. */
    static final int PANEL = 256;
    /** Rows of C per tile. */
    static final int ROWS = 64;
    /** Depth (k) of one packed panel: DEPTH × PANEL doubles stay in the L2 cache. */
    static final int DEPTH = 256;

    private static final ThreadLocal<double[][]> PACKED = ThreadLocal.withInitial(() -> new double[DEPTH][PANEL]);
    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[PANEL]);

    private DoubleGemm() {
    }

    static void gemm(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOffset + i * n, cOffset + i * n + n, 0.0);
            }
            return;
        }
        int rowTiles = (m + ROWS - 1) / ROWS, colTiles = (n + PANEL - 1) / PANEL;
        // Below about a million multiply-adds, handing tiles to other threads costs more than it saves.
        WorkerPool runner = (long) m * n * k < (1L << 20) ? WorkerPool.SERIAL : pool;
        runner.run(rowTiles * colTiles, tile -> {
            int i0 = (tile / colTiles) * ROWS, j0 = (tile % colTiles) * PANEL;
            tile(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset,
                    i0, Math.min(m, i0 + ROWS), j0, Math.min(PANEL, n - j0));
        });
    }

    /** Computes rows [i0, i1) and columns [j0, j0 + width) of C. */
    private static void tile(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset,
                             int i0, int i1, int j0, int width) {
        double[][] panel = PACKED.get();
        double[] row = ROW.get();
        // Element (i, p) of op(A) and (p, j) of op(B) sit at offset + i·ai + p·ap and offset + p·bp + j·bj.
        int ai = transA ? 1 : k, ap = transA ? m : 1;
        int bp = transB ? 1 : n, bj = transB ? k : 1;
        for (int p0 = 0; p0 < k; p0 += DEPTH) {
            int depth = Math.min(DEPTH, k - p0);
            pack(b, bOffset + p0 * bp + j0 * bj, bp, bj, depth, width, panel);
            for (int i = i0; i < i1; i++) {
                int aRow = aOffset + i * ai + p0 * ap;
                accumulateRow(a, aRow, ap, depth, panel, row, width);
                int ci = cOffset + i * n + j0;
                if (p0 == 0) {
                    System.arraycopy(row, 0, c, ci, width);
                } else {
                    for (int j = 0; j < width; j++) {
                        c[ci + j] += row[j];
                    }
                }
            }
        }
    }

    /** {@code row = Σ_p a[aRow + p·ap] · panel row p}, over the first {@code width} columns. */
    private static void accumulateRow(double[] a, int aRow, int ap, int depth, double[][] panel, double[] row, int width) {
        java.util.Arrays.fill(row, 0, width, 0.0);
        int p = 0;
        for (; p + 4 <= depth; p += 4) {
            double x0 = a[aRow + p * ap], x1 = a[aRow + (p + 1) * ap];
            double x2 = a[aRow + (p + 2) * ap], x3 = a[aRow + (p + 3) * ap];
            addFourRows(x0, x1, x2, x3, panel[p], panel[p + 1], panel[p + 2], panel[p + 3], row, width);
        }
        for (; p < depth; p++) {
            addRow(a[aRow + p * ap], panel[p], row, width);
        }
    }

    /** {@code row += x0·panel[q] + x1·panel[q+1] + x2·panel[q+2] + x3·panel[q+3]}, panel rows of stride PANEL. */
    private static void addFourRows(double x0, double x1, double x2, double x3,
                                    double[] b0, double[] b1, double[] b2, double[] b3, double[] row, int width) {
        for (int j = 0; j < width; j++) {
            row[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    /** {@code row += x·panel[q]}. */
    private static void addRow(double x, double[] b, double[] row, int width) {
        for (int j = 0; j < width; j++) {
            row[j] += x * b[j];
        }
    }

    /** Copies the depth × width block of op(B) starting at {@code from} into rows of stride PANEL. */
    private static void pack(double[] b, int from, int bp, int bj, int depth, int width, double[][] panel) {
        if (bj == 1) {
            for (int p = 0; p < depth; p++) {
                System.arraycopy(b, from + p * bp, panel[p], 0, width);
            }
        } else {
            // B is stored transposed: walk it along its rows (our columns) so reads stay sequential.
            for (int j = 0; j < width; j++) {
                int src = from + j * bj;
                for (int p = 0; p < depth; p++) {
                    panel[p][j] = b[src + p];
                }
            }
        }
    }
}
