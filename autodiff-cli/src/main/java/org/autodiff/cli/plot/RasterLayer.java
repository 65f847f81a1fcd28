package org.autodiff.cli.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A background layer of many small shapes (the filled loss bands, the facets of a 3-D mesh)
 * painted into one image the size of the plot's data area and drawn as that image. In an SVG
 * file it is one embedded PNG instead of tens of thousands of shapes (a 160 × 160 grid of
 * rectangles made a 15 MB file); the lines, paths and marks drawn over it stay vectors. The
 * image may have several pixels per page pixel along each axis, scaled down smoothly, which
 * smooths the edges of a layer that is painted without antialiasing.
 */
final class RasterLayer extends AbstractXYAnnotation {

    /** What the layer holds: paints it into an image given how data coordinates map to the image's pixels. */
    interface Painter {
        /**
         * Paints {@code image}.
         *
         * @param image the image, empty (transparent) on entry
         * @param toImage the data-to-pixel mapping: {@code toImage.x(w)} and {@code toImage.y(b)}
         *                are pixel coordinates in {@code image}
         */
        void paint(BufferedImage image, Mapping toImage);
    }

    /** Where data coordinates land in the image, and back. */
    interface Mapping {
        /**
         * @param x a domain value
         * @return its pixel column (fractional)
         */
        double x(double x);

        /**
         * @param y a range value
         * @return its pixel row (fractional)
         */
        double y(double y);

        /**
         * @param column a pixel column (fractional)
         * @return the domain value there
         */
        double xAt(double column);

        /**
         * @param row a pixel row (fractional)
         * @return the range value there
         */
        double yAt(double row);
    }

    private final Painter painter;
    private final int oversample;

    /**
     * @param painter    paints the layer
     * @param oversample image pixels per page pixel along each axis
     */
    RasterLayer(Painter painter, int oversample) {
        this.painter = painter;
        this.oversample = oversample;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        int width = Math.max(1, (int) Math.ceil(dataArea.getWidth() * oversample));
        int height = Math.max(1, (int) Math.ceil(dataArea.getHeight() * oversample));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        double sx = width / dataArea.getWidth(), sy = height / dataArea.getHeight();
        painter.paint(image, new Mapping() {
            @Override
            public double x(double x) {
                return (domainAxis.valueToJava2D(x, dataArea, RectangleEdge.BOTTOM) - dataArea.getX()) * sx;
            }

            @Override
            public double y(double y) {
                return (rangeAxis.valueToJava2D(y, dataArea, RectangleEdge.LEFT) - dataArea.getY()) * sy;
            }

            @Override
            public double xAt(double column) {
                return domainAxis.java2DToValue(dataArea.getX() + column / sx, dataArea, RectangleEdge.BOTTOM);
            }

            @Override
            public double yAt(double row) {
                return rangeAxis.java2DToValue(dataArea.getY() + row / sy, dataArea, RectangleEdge.LEFT);
            }
        });
        Object interpolation = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform place = AffineTransform.getTranslateInstance(dataArea.getX(), dataArea.getY());
        place.scale(1 / sx, 1 / sy);
        g2.drawImage(image, place, null);
        if (interpolation != null) {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        }
    }
}
