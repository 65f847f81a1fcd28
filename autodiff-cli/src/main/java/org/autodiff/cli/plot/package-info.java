/**
 * Pictures drawn with JFreeChart: loss landscapes as filled contour plots with optimizer paths
 * ({@link org.autodiff.cli.plot.ContourChart}, laid out with one small chart per path by
 * {@link org.autodiff.cli.plot.ContourPicture}), the same surface in a projected 3-D view
 * ({@link org.autodiff.cli.plot.SurfaceChart}), one-parameter loss curves with each step's point
 * and tangent ({@link org.autodiff.cli.plot.TangentChart}), training curves
 * ({@link org.autodiff.cli.plot.CurvesChart}), PNG and SVG files
 * ({@link org.autodiff.cli.plot.ChartFiles}) and Graphviz rendering of computation graphs
 * ({@link org.autodiff.cli.plot.Graphviz}).
 *
 * <p>Why JFreeChart: both JFreeChart and XChart were tried on a filled heat map. XChart's
 * {@code HeatMapChart} treats x and y as categories (one labelled tick per cell) and cannot put
 * line series on the same plot, so the optimizer paths could not be drawn over the surface.
 * JFreeChart's {@code XYPlot} takes a background layer under numeric axes and, on the same plot,
 * further datasets for contour lines, paths and marked points; JFreeSVG (from the same authors)
 * adds SVG output. The filled bands and the 3-D mesh are such a layer, painted as one image
 * ({@link org.autodiff.cli.plot.RasterLayer}): drawn as shapes (first with
 * {@code XYBlockRenderer}, one rectangle per grid cell) they made SVG files of 14–17.5 MB.
 * Neither library draws 3-D surfaces, so {@link org.autodiff.cli.plot.Projection} maps
 * (w, b, loss) to the page for the projected polygons and lines.
 */
package org.autodiff.cli.plot;
