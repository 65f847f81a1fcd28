package org.autodiff.core.autograd;

import java.util.List;
import java.util.Locale;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * How the traces print: one table of cells written as aligned text, as a markdown table or as
 * CSV, and the numbers in it (six significant digits for reading, every digit for CSV).
 */
final class TraceTable {
    /** Tensors with more elements print as their shape and norm rather than element by element. */
    static final int MAX_SHOWN_ELEMENTS = 8;

    private TraceTable() {
    }

    /** Aligned columns, two spaces apart, under a title line and a header. */
    static String text(String title, String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = length(header[c]);
            for (String[] row : rows) {
                width[c] = Math.max(width[c], length(row[c]));
            }
        }
        StringBuilder s = new StringBuilder(title).append('\n');
        appendAligned(s, header, width);
        for (String[] row : rows) {
            appendAligned(s, row, width);
        }
        return s.toString();
    }

    /** A markdown table under the title as a paragraph; '|' in cells escaped. */
    static String markdown(String title, String[] header, List<String[]> rows) {
        StringBuilder s = new StringBuilder(title).append("\n\n");
        appendMarkdownRow(s, header);
        s.append('|');
        for (int c = 0; c < header.length; c++) {
            s.append("---|");
        }
        s.append('\n');
        for (String[] row : rows) {
            appendMarkdownRow(s, row);
        }
        return s.toString();
    }

    /** CSV: a header line, then one line per row; cells with commas, quotes or newlines quoted as RFC 4180 says. */
    static String csv(String[] header, List<String[]> rows) {
        StringBuilder s = new StringBuilder();
        appendCsvRow(s, header);
        for (String[] row : rows) {
            appendCsvRow(s, row);
        }
        return s.toString();
    }

    /** A number for reading: integers exactly, others to six significant digits. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /**
     * A tensor's values: one number, nested brackets up to {@link #MAX_SHOWN_ELEMENTS} elements,
     * else the shape and the norm; every element with every digit when {@code exact}.
     */
    static String values(Tensor t, boolean exact) {
        if (t == null) {
            return "";
        }
        double[] v = t.toDoubleArray();
        if (!exact && v.length > MAX_SHOWN_ELEMENTS) {
            double sumOfSquares = 0;
            for (double x : v) {
                sumOfSquares += x * x;
            }
            return t.shape() + " tensor, norm " + number(Math.sqrt(sumOfSquares));
        }
        StringBuilder s = new StringBuilder();
        appendNested(s, v, t.shape().dims(), 0, 0, exact);
        return s.toString();
    }

    /**
     * A local derivative for reading: one number, the diagonal of an elementwise op's Jacobian
     * (written "diag [...]"), or the whole Jacobian; "-" when the trace did not compute it.
     */
    static String derivative(Tensor jacobian, boolean exact) {
        if (jacobian == null) {
            return "-";
        }
        int[] dims = jacobian.shape().dims();
        if (jacobian.numel() > 1 && dims.length % 2 == 0) {
            int half = dims.length / 2;
            boolean square = true;
            for (int d = 0; d < half; d++) {
                square &= dims[d] == dims[d + half];
            }
            if (square) {
                double[] j = jacobian.toDoubleArray();
                int n = (int) Math.round(Math.sqrt(j.length));
                double[] diagonal = new double[n];
                boolean diagonalOnly = true;
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        diagonalOnly &= r == c || j[r * n + c] == 0;
                    }
                    diagonal[r] = j[r * n + r];
                }
                if (diagonalOnly) {
                    int[] inDims = java.util.Arrays.copyOfRange(dims, half, dims.length);
                    return "diag " + values(Tensor.wrap(diagonal, Shape.of(inDims)), exact);
                }
            }
        }
        return values(jacobian, exact);
    }

    private static void appendNested(StringBuilder s, double[] v, int[] dims, int d, int offset, boolean exact) {
        if (d == dims.length) {
            s.append(exact ? Double.toString(v[offset]) : number(v[offset]));
            return;
        }
        int stride = 1;
        for (int k = d + 1; k < dims.length; k++) {
            stride *= dims[k];
        }
        s.append('[');
        for (int i = 0; i < dims[d]; i++) {
            if (i > 0) {
                s.append(", ");
            }
            appendNested(s, v, dims, d + 1, offset + i * stride, exact);
        }
        s.append(']');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static void appendAligned(StringBuilder s, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(cells[c]);
            if (c < cells.length - 1) {
                line.append(" ".repeat(width[c] - length(cells[c]) + 2));
            }
        }
        s.append(line.toString().stripTrailing()).append('\n');
    }

    private static void appendMarkdownRow(StringBuilder s, String[] cells) {
        s.append('|');
        for (String cell : cells) {
            s.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        s.append('\n');
    }

    private static void appendCsvRow(StringBuilder s, String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                s.append(',');
            }
            String cell = cells[c];
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
                s.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                s.append(cell);
            }
        }
        s.append('\n');
    }
}
