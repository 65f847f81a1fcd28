package org.autodiff.cli.plot;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes charts to image files: PNG through JFreeChart, SVG through JFreeSVG. */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** Writes {@code chart} as a {@code width × height} PNG, creating missing parent folders. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        createParent(file);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** Writes {@code chart} as a {@code width × height} SVG document, creating missing parent folders. */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        createParent(file);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(width, height));
        Files.writeString(file, g2.getSVGDocument());
    }

    /** {@code file} with its extension (if any) replaced by {@code suffix}, e.g. model.safetensors → model.curves.png. */
    public static Path withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
