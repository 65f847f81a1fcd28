package org.autodiff.cli.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ui.Drawable;
import org.jfree.svg.SVGGraphics2D;

/** Writes pictures (a chart, or several laid out together) to image files: PNG through Java2D, SVG through JFreeSVG. */
public final class ChartFiles {
    private ChartFiles() {
    }

    /**
     * Writes {@code picture} as a {@code width × height} PNG, creating missing parent folders.
     *
     * @param picture a chart or a layout of charts
     * @param file    the file to write
     * @param width   the width in pixels
     * @param height  the height in pixels
     * @throws IOException if the file cannot be written
     */
    public static void writePng(Drawable picture, Path file, int width, int height) throws IOException {
        createParent(file);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            picture.draw(g2, new Rectangle(width, height));
        } finally {
            g2.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    /**
     * Writes {@code picture} as a {@code width × height} SVG document, creating missing parent folders.
     *
     * @param picture a chart or a layout of charts
     * @param file    the file to write
     * @param width   the width in pixels
     * @param height  the height in pixels
     * @throws IOException if the file cannot be written
     */
    public static void writeSvg(Drawable picture, Path file, int width, int height) throws IOException {
        createParent(file);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // Hundredths of a pixel are finer than any screen or printer shows; full doubles triple the file.
        g2.setGeomDoubleConverter(ChartFiles::hundredths);
        picture.draw(g2, new Rectangle(width, height));
        Files.writeString(file, g2.getSVGDocument());
    }

    /**
     * @param file   a file name, e.g. model.safetensors
     * @param suffix what replaces its extension, e.g. .curves.png
     * @return {@code file} with its extension (if any) replaced by {@code suffix}, e.g. model.curves.png
     */
    public static Path withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }

    /** {@code v} rounded to two decimals, without trailing zeros: 12.5, 3, −0.07. */
    static String hundredths(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e13) {
            return Double.toString(v);
        }
        long h = Math.round(v * 100);
        StringBuilder s = new StringBuilder(h < 0 ? "-" : "");
        h = Math.abs(h);
        s.append(h / 100);
        long frac = h % 100;
        if (frac != 0) {
            s.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                s.append(frac % 10);
            }
        }
        return s.toString();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
