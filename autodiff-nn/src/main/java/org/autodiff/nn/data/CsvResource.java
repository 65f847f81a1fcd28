package org.autodiff.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Reads a built-in data set shipped as CSV (optionally gzipped) on the class path: rows of
 * numeric features followed by an integer label. A missing or malformed resource is a broken
 * build, so it fails with an unchecked exception naming the file and line.
 */
final class CsvResource {
    private CsvResource() {
    }

    /**
     * Reads {@code rows} rows of {@code columns} features and a label from the resource
     * {@code name} next to this class, after {@code headerLines} lines to skip.
     */
    static TensorDataset read(String name, int headerLines, int rows, int columns, DType dtype) {
        double[] x = new double[rows * columns];
        int[] y = new int[rows];
        try (BufferedReader in = open(name)) {
            for (int h = 0; h < headerLines; h++) {
                in.readLine();
            }
            for (int r = 0; r < rows; r++) {
                String line = in.readLine();
                int lineNumber = headerLines + r + 1;
                if (line == null) {
                    throw new IllegalStateException(name + ": expected " + rows + " rows, the file ends at line " + lineNumber);
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns + 1) {
                    throw new IllegalStateException(name + ": line " + lineNumber + " has " + cells.length
                            + " cells, expected " + (columns + 1));
                }
                try {
                    for (int c = 0; c < columns; c++) {
                        x[r * columns + c] = Double.parseDouble(cells[c]);
                    }
                    y[r] = Integer.parseInt(cells[columns].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(name + ": line " + lineNumber + " is not numeric: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading built-in data set " + name, e);
        }
        Tensor features = Tensor.wrap(x, Shape.of(rows, columns));
        return new TensorDataset(features.to(dtype), y);
    }

    /** The first line of the resource. */
    static String firstLine(String name) {
        try (BufferedReader in = open(name)) {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("reading built-in data set " + name, e);
        }
    }

    private static BufferedReader open(String name) throws IOException {
        InputStream raw = CsvResource.class.getResourceAsStream(name);
        if (raw == null) {
            throw new IllegalStateException("built-in data set " + name + " is missing from the class path (org/autodiff/nn/data/)");
        }
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    }
}
