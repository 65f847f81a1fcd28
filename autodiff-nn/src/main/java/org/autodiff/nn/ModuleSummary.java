package org.autodiff.nn;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.autodiff.core.Shape;

/**
 * What {@link Module#summary(Tensor)} found: one row per module with its output shape and its own
 * parameter count, and the totals. {@link #toString()} renders it as a table:
 *
 * <pre>
 * Layer               Output shape   Parameters
 * ==============================================
 * Sequential          [5, 2]                  0
 *   0: Linear         [5, 4]                 16
 *   1: ReLU           [5, 4]                  0
 *   2: Linear         [5, 2]                 10
 * ==============================================
 * Total parameters: 26
 * Trainable parameters: 26
 * Non-trainable parameters: 0
 * </pre>
 *
 * @param rows the modules in {@link Module#namedModules()} order, the root first
 * @param totalParameters the number of parameter elements, tied ones counted once
 * @param trainableParameters the number of those that require grad
 */
public record ModuleSummary(List<Row> rows, long totalParameters, long trainableParameters) {
    /**
     * Keeps an unmodifiable copy of the rows.
     *
     * @param rows the modules, the root first
     * @param totalParameters the number of parameter elements, tied ones counted once
     * @param trainableParameters the number of those that require grad
     */
    public ModuleSummary {
        Objects.requireNonNull(rows, "ModuleSummary: rows is null");
        rows = List.copyOf(rows);
    }

    /**
     * One module of the summary.
     *
     * @param path the module's dotted path ({@code ""} for the root)
     * @param type the module's class name
     * @param outputShape the shape of its first output, or null if it was not called through {@link Module#call}
     * @param parameters the number of elements of its own parameters (not its children's), tied ones counted at their first module
     */
    public record Row(String path, String type, Shape outputShape, long parameters) {
    }

    /**
     * The number of elements of the parameters that are frozen (do not require grad).
     *
     * @return total minus trainable
     */
    public long nonTrainableParameters() {
        return totalParameters - trainableParameters;
    }

    /** The table, one line per module indented by depth, then the totals. */
    @Override
    public String toString() {
        String[] layer = new String[rows.size()];
        String[] shape = new String[rows.size()];
        String[] count = new String[rows.size()];
        int layerWidth = "Layer".length();
        int shapeWidth = "Output shape".length();
        int countWidth = "Parameters".length();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int depth = r.path().isEmpty() ? 0 : r.path().split("\\.").length;
            String name = r.path().isEmpty() ? r.type() : r.path().substring(r.path().lastIndexOf('.') + 1) + ": " + r.type();
            layer[i] = "  ".repeat(depth) + name;
            shape[i] = r.outputShape() == null ? "-" : r.outputShape().toString();
            count[i] = String.format(Locale.ROOT, "%,d", r.parameters());
            layerWidth = Math.max(layerWidth, layer[i].length());
            shapeWidth = Math.max(shapeWidth, shape[i].length());
            countWidth = Math.max(countWidth, count[i].length());
        }
        String format = "%-" + layerWidth + "s   %-" + shapeWidth + "s   %" + countWidth + "s\n";
        String rule = "=".repeat(layerWidth + shapeWidth + countWidth + 6) + "\n";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, format, "Layer", "Output shape", "Parameters")).append(rule);
        for (int i = 0; i < rows.size(); i++) {
            s.append(String.format(Locale.ROOT, format, layer[i], shape[i], count[i]));
        }
        return s.append(rule)
                .append(String.format(Locale.ROOT, "Total parameters: %,d\n", totalParameters))
                .append(String.format(Locale.ROOT, "Trainable parameters: %,d\n", trainableParameters))
                .append(String.format(Locale.ROOT, "Non-trainable parameters: %,d\n", nonTrainableParameters()))
                .toString();
    }
}
