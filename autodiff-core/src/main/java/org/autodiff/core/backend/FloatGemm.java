package org.autodiff.core.backend;

/**
 * Cache-blocked, multi-threaded float32 matrix product {@code C = op(A)·op(B)}, row-major.
 *
 * <p>C is cut into tiles of at most {@link #ROWS} rows by {@link #PANEL} columns, one task each,
 * spread over the worker threads. A task keeps its tile in a row buffer per row (in the L2
 * cache) and walks k in blocks of {@link #DEPTH}: it packs the block of op(B) into panel rows
 * (reading B transposed or not, so no transposed copy of B is ever made), then for every four
 * panel rows, which stay in the L1 cache, adds them, weighted by four elements of A, to each
 * row buffer of the tile. A is read element by element in either orientation: each element read
 * feeds a whole panel row. Finally the tile is copied into C, which is never read.
 *
 * <p>The inner loop ({@link #addFourRows}) is written for C2's auto-vectoriser, which turns it
 * into SIMD code only in this shape (measured on JDK 17 with AVX-512): one stored array, and every
 * array indexed by the loop counter alone, so all accesses are equally aligned. Hence panels and
 * tiles are arrays of rows rather than flat arrays; flat arrays with variable row offsets,
 * eight-row unrolls, two stored rows per loop or {@code Math.fma} all fall back to scalar code,
 * two to four times slower.
 */
final class FloatGemm {
    /** Columns of C per tile: the length of a packed panel row. */
    static final int PANEL = 256;
    /** Rows of C per tile. */
    static final int ROWS = 64;
    /** Depth (k) of one packed panel. */
    static final int DEPTH = 256;

    private static final ThreadLocal<float[][]> PANELS = ThreadLocal.withInitial(() -> new float[DEPTH][PANEL]);
    private static final ThreadLocal<float[][]> TILES = ThreadLocal.withInitial(() -> new float[ROWS][PANEL]);

    private FloatGemm() {
    }

    static void gemm(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        if (m == 0 || n == 0) {
            return;
        }
        int rowTiles = (m + ROWS - 1) / ROWS, colTiles = (n + PANEL - 1) / PANEL;
        // Below about a million multiply-adds, handing tiles to other threads costs more than it saves.
        WorkerPool runner = (long) m * n * k < (1L << 20) ? WorkerPool.SERIAL : pool;
        runner.run(rowTiles * colTiles, t -> {
            int i0 = (t / colTiles) * ROWS, j0 = (t % colTiles) * PANEL;
            tile(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset,
                    i0, Math.min(m - i0, ROWS), j0, Math.min(n - j0, PANEL));
        });
    }

    /** Computes the {@code height × width} block of C at row i0, column j0. */
    private static void tile(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
                             int i0, int height, int j0, int width) {
        float[][] panel = PANELS.get(), tile = TILES.get();
        // Element (i, p) of op(A) sits at aOffset + i·ai + p·ap, element (p, j) of op(B) at bOffset + p·bp + j·bj.
        int ai = transA ? 1 : k, ap = transA ? m : 1;
        int bp = transB ? 1 : n, bj = transB ? k : 1;
        for (int r = 0; r < height; r++) {
            java.util.Arrays.fill(tile[r], 0, width, 0f);
        }
        for (int p0 = 0; p0 < k; p0 += DEPTH) {
            int depth = Math.min(DEPTH, k - p0);
            pack(b, bOffset + p0 * bp + j0 * bj, bp, bj, depth, width, panel);
            int aBlock = aOffset + i0 * ai + p0 * ap, p = 0;
            for (; p + 4 <= depth; p += 4) {
                float[] b0 = panel[p], b1 = panel[p + 1], b2 = panel[p + 2], b3 = panel[p + 3];
                for (int r = 0; r < height; r++) {
                    int at = aBlock + r * ai + p * ap;
                    addFourRows(a[at], a[at + ap], a[at + 2 * ap], a[at + 3 * ap], b0, b1, b2, b3, tile[r], width);
                }
            }
            for (; p < depth; p++) {
                for (int r = 0; r < height; r++) {
                    addRow(a[aBlock + r * ai + p * ap], panel[p], tile[r], width);
                }
            }
        }
        for (int r = 0; r < height; r++) {
            System.arraycopy(tile[r], 0, c, cOffset + (i0 + r) * n + j0, width);
        }
    }

    /** {@code row += x0·b0 + x1·b1 + x2·b2 + x3·b3} over the first {@code width} columns. */
    private static void addFourRows(float x0, float x1, float x2, float x3,
                                    float[] b0, float[] b1, float[] b2, float[] b3, float[] row, int width) {
        for (int j = 0; j < width; j++) {
            row[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    /** {@code row += x·b} over the first {@code width} columns. */
    private static void addRow(float x, float[] b, float[] row, int width) {
        for (int j = 0; j < width; j++) {
            row[j] += x * b[j];
        }
    }

    /** Copies the depth × width block of op(B) starting at {@code from} into the first rows of {@code panel}. */
    private static void pack(float[] b, int from, int bp, int bj, int depth, int width, float[][] panel) {
        if (bj == 1) {
            for (int p = 0; p < depth; p++) {
                System.arraycopy(b, from + p * bp, panel[p], 0, width);
            }
        } else {
            // B is stored transposed: walk each stored row (a column of op(B)) sequentially.
            for (int j = 0; j < width; j++) {
                int src = from + j * bj;
                for (int p = 0; p < depth; p++) {
                    panel[p][j] = b[src + p];
                }
            }
        }
    }
}
