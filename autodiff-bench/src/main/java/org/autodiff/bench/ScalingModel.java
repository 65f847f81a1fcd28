package org.autodiff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost model of a synchronous data-parallel step on Spark (docs/scaling.md): fits its
 * constants to {@code SparkStepBenchmark.exchange} as printed by JMH, and prints the page's
 * prediction tables from them, so the page's numbers can be regenerated after a new run.
 *
 * <p>A step on n tasks with P parameters and a global batch of B examples costs
 * <pre>T(n, P) = L·(1 + ℓ) + P·(a + w) + P·κ·B/n + P·(r + w)·(f·ℓ + s)</pre>
 * where ℓ is the number of tree levels run on the executors (parts are added f at a time until
 * at most f remain) and s the number of parts the driver adds. One core without Spark costs
 * P·κ·B.
 *
 * <p>Run {@code java -cp benchmarks.jar org.autodiff.bench.ScalingModel [jmh-output.txt]}: with
 * a file (the text JMH prints, as {@code autodiff-bench/run-spark.sh} saves it), the constants
 * L, a and r are fitted to its exchange cells by least squares; without one, the page's values
 * are used.
 */
public final class ScalingModel {

    /**
     * The model's constants.
     *
     * @param launchMs L, launching a job or a shuffle stage, with the broadcast's fixed cost, in ms
     * @param broadcastNs a, per parameter, broadcasting the vector once (serialising, sending within
     *     the JVM, loading it into the replica), in ns
     * @param partNs r, per parameter and per part added on one node (serialising the part,
     *     deserialising it, adding it), in ns
     * @param computeNs κ, forward and backward per parameter per example on one core, in ns
     * @param wireNs w, moving one 8-byte value over the network (0 in local mode), in ns
     * @param fanIn f, the parts added together per tree level and the most the driver adds
     */
    public record Constants(double launchMs, double broadcastNs, double partNs, double computeNs, double wireNs,
            int fanIn) {

        /**
         * The step time on {@code tasks} tasks.
         *
         * @param tasks n, the number of partitions (one task each), at least 1
         * @param params P, the number of parameters
         * @param batch B, the global batch
         * @return T(n, P) in milliseconds
         */
        public double stepMs(int tasks, double params, int batch) {
            int levels = 0;
            long parts = tasks;
            while (parts > fanIn) {
                parts = (parts + fanIn - 1) / fanIn;
                levels++;
            }
            double ns = params * (broadcastNs + wireNs) + params * computeNs * batch / tasks
                    + params * (partNs + wireNs) * ((double) fanIn * levels + parts);
            return launchMs * (1 + levels) + ns / 1e6;
        }

        /**
         * The time of one core without Spark.
         *
         * @param params P, the number of parameters
         * @param batch B, the global batch
         * @return P·κ·B in milliseconds
         */
        public double oneCoreMs(double params, int batch) {
            return params * computeNs * batch / 1e6;
        }
    }

    /**
     * One measured exchange cell.
     *
     * @param params P, the number of parameters
     * @param parts n, the number of partitions
     * @param ms the measured time in milliseconds
     * @param errorMs JMH's 99.9 % error half-width in milliseconds
     */
    public record Cell(double params, int parts, double ms, double errorMs) {
    }

    /** The values docs/scaling.md uses for what local mode cannot measure (κ, w, f). */
    static final double COMPUTE_NS = 0.4, WIRE_NS = 6.4;
    static final int FAN_IN = 8;

    private static final Pattern EXCHANGE = Pattern.compile(
            "SparkStepBenchmark\\.exchange\\s+(\\d+)\\s+(\\d+)\\s+avgt\\s+\\d+\\s+([\\d.]+)\\s+±\\s+([\\d.]+)\\s+ms/op");

    private ScalingModel() {
    }

    /**
     * The exchange cells of a JMH text report of SparkStepBenchmark (hidden width H gives
     * 75·H + 10 parameters).
     *
     * @param report the text JMH printed
     * @return the cells found, in report order
     */
    public static List<Cell> exchangeCells(String report) {
        List<Cell> cells = new ArrayList<>();
        Matcher m = EXCHANGE.matcher(report);
        while (m.find()) {
            cells.add(new Cell(75.0 * Integer.parseInt(m.group(1)) + 10, Integer.parseInt(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
        }
        return cells;
    }

    /**
     * Fits exchange = L + P·a + P·n·r by ordinary least squares (the exchange runs no compute,
     * and in local mode w = 0).
     *
     * @param cells at least three cells with at least two sizes and two part counts
     * @return {L in ms, a in ns, r in ns}
     */
    public static double[] fitExchange(List<Cell> cells) {
        double[][] normal = new double[3][4];
        for (Cell c : cells) {
            // P in millions, so that a and r come out in ns per parameter when times are in ms.
            double[] row = {1, c.params() / 1e6, c.params() / 1e6 * c.parts()};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    normal[i][j] += row[i] * row[j];
                }
                normal[i][3] += row[i] * c.ms();
            }
        }
        return solve(normal);
    }

    /** Gaussian elimination with partial pivoting on an augmented 3×4 system. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("the cells do not determine L, a and r: they need at least two "
                        + "sizes and two part counts");
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    /**
     * Prints the fit (when a JMH report is given) and the prediction tables for a global batch
     * of 1024 and of 16384.
     *
     * @param args an optional path to the JMH text output of SparkStepBenchmark
     * @throws IOException when the report cannot be read
     */
    public static void main(String[] args) throws IOException {
        Constants k = new Constants(25, 20, 21, COMPUTE_NS, WIRE_NS, FAN_IN);
        if (args.length > 0) {
            List<Cell> cells = exchangeCells(Files.readString(Path.of(args[0])));
            double[] fit = fitExchange(cells);
            System.out.printf(Locale.ROOT, "fit over %d exchange cells: L = %.1f ms, a = %.1f ns, r = %.1f ns%n%n",
                    cells.size(), fit[0], fit[1], fit[2]);
            System.out.println("| parameters | parts | measured ms | fit ms |");
            System.out.println("|---:|---:|---:|---:|");
            for (Cell c : cells) {
                double predicted = fit[0] + c.params() / 1e6 * (fit[1] + c.parts() * fit[2]);
                System.out.printf(Locale.ROOT, "| %.0f | %d | %.1f ± %.1f | %.1f |%n",
                        c.params(), c.parts(), c.ms(), c.errorMs(), predicted);
            }
            System.out.println();
            k = new Constants(fit[0], fit[1], fit[2], COMPUTE_NS, WIRE_NS, FAN_IN);
        }
        for (int batch : new int[] {1024, 16384}) {
            System.out.printf(Locale.ROOT, "Global batch B = %d (T on n tasks, and the speed-up over one core):%n%n",
                    batch);
            System.out.println(table(k, batch));
        }
    }

    /**
     * One prediction table: a row per parameter count 10⁴ … 10⁸, a column per task count.
     *
     * @param k the constants
     * @param batch the global batch
     * @return the Markdown table
     */
    static String table(Constants k, int batch) {
        int[] tasks = {2, 8, 32, 100};
        StringBuilder s = new StringBuilder("| parameters | 1 core | 2 | 8 | 32 | 100 |\n|---|---|---|---|---|---|\n");
        for (int e = 4; e <= 8; e++) {
            double p = Math.pow(10, e);
            double one = k.oneCoreMs(p, batch);
            s.append("| 10^").append(e).append(" | ").append(time(one));
            for (int n : tasks) {
                double t = k.stepMs(n, p, batch);
                s.append(" | ").append(time(t)).append(String.format(Locale.ROOT, " (%.2f×)", one / t));
            }
            s.append(" |\n");
        }
        return s.toString();
    }

    /** Milliseconds below 10 s, seconds above, at about three significant digits. */
    private static String time(double ms) {
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
}
