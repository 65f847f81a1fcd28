package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.teaching.landscape.BuiltInProblem;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.Method;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Window;
import org.autodiff.nn.optim.Adam;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LandscapeChartsTest {

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void contourAndSurfacePicturesAreRealImages(BuiltInProblem problem, @TempDir Path dir) throws Exception {
        Landscape landscape = Landscape.of(problem, 60);
        Path contour = dir.resolve("contour.png"), surface = dir.resolve("surface.png");
        ChartFiles.writePng(ContourChart.of(landscape), contour, 640, 520);
        ChartFiles.writePng(SurfaceChart.of(landscape), surface, 600, 500);
        PictureAssertions.assertPicture(contour, 640, 520, 100);
        PictureAssertions.assertPicture(surface, 600, 500, 100);
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void equalScaleWindowDrawsOneUnitOfWAndOfBAtTheSameLength(BuiltInProblem problem) {
        int width = 900, height = 760;
        Landscape first = Landscape.of(problem, 40);
        Window window = ContourChart.equalScaleWindow(first, width, height);
        Window original = problem.window();
        assertTrue(window.contains(original.wMin(), original.bMin()) && window.contains(original.wMax(), original.bMax()),
                "the widened window keeps the problem's own: " + window);
        Landscape square = new Landscape(problem, LossGrid.evaluate(problem, window, 40), first.paths());
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        ContourChart.of(square).draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
        g2.dispose();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        double wPerPixel = (window.wMax() - window.wMin()) / area.getWidth();
        double bPerPixel = (window.bMax() - window.bMin()) / area.getHeight();
        assertEquals(1.0, wPerPixel / bPerPixel, 0.02, "units per pixel, w over b");
    }

    @Test
    void contourPathsAreExactlyTheOptimizerTrajectories() {
        BuiltInProblem problem = BuiltInProblem.NEURON;
        Landscape landscape = Landscape.of(problem, 20);
        XYDataset plotted = ContourChart.of(landscape).getXYPlot().getDataset(ContourChart.PATHS);
        assertEquals(Method.values().length, plotted.getSeriesCount());
        for (int s = 0; s < plotted.getSeriesCount(); s++) {
            OptimizerPath path = landscape.paths().get(s);
            assertTrue(plotted.getSeriesKey(s).toString().startsWith(path.method().displayName()));
            assertEquals(path.size(), plotted.getItemCount(s));
            for (int k = 0; k < path.size(); k++) {
                assertEquals(path.w()[k], plotted.getXValue(s, k));
                assertEquals(path.b()[k], plotted.getYValue(s, k));
            }
        }
        // And the recorded path is what Adam does when driven by hand, step by step.
        Tensor theta = Tensor.of(problem.start(), 2).requiresGrad(true);
        Adam adam = new Adam(List.of(theta), problem.learningRate(Method.ADAM));
        int adamSeries = Method.ADAM.ordinal();
        for (int k = 0; k < problem.steps(); k++) {
            assertEquals(theta.get(0), plotted.getXValue(adamSeries, k), "step " + k);
            assertEquals(theta.get(1), plotted.getYValue(adamSeries, k), "step " + k);
            adam.zeroGrad();
            problem.loss(theta.slice(0, 0, 1, 1).reshape(), theta.slice(0, 1, 2, 1).reshape()).backward();
            adam.step();
        }
    }

    @Test
    void surfacePathsAreTheTrajectoriesProjected() {
        Landscape landscape = Landscape.of(BuiltInProblem.LOCAL_MINIMUM, 30);
        // Momentum swings out of the window on this problem: those points are breaks, the rest lie on the surface.
        assertTrue(landscape.paths().stream().anyMatch(p -> java.util.stream.IntStream.range(0, p.size())
                .anyMatch(k -> !landscape.problem().window().contains(p.w()[k], p.b()[k]))));
        JFreeChart chart = SurfaceChart.of(landscape);
        XYDataset plotted = chart.getXYPlot().getDataset(SurfaceChart.PATHS);
        Projection view = SurfaceChart.projection(landscape);
        for (int s = 0; s < plotted.getSeriesCount(); s++) {
            OptimizerPath path = landscape.paths().get(s);
            assertEquals(path.size(), plotted.getItemCount(s));
            for (int k = 0; k < path.size(); k++) {
                double w = path.w()[k], b = path.b()[k];
                boolean inside = view.window().contains(w, b);
                assertEquals(inside ? view.x(w, b) : Double.NaN, plotted.getXValue(s, k));
                assertEquals(inside ? view.y(w, b, view.height(path.loss()[k])) : Double.NaN, plotted.getYValue(s, k));
            }
        }
    }

    @Test
    void svgFilesAreSvgDocuments(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("bowl.svg");
        ChartFiles.writeSvg(ContourChart.of(Landscape.of(BuiltInProblem.BOWL, 20)), svg, 500, 400);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("width='500.0'") && text.strip().endsWith("</svg>"),
                text.substring(0, Math.min(300, text.length())));
        assertTrue(text.contains("SGD"), "the legend's text is in the SVG");
    }

    @Test
    void suffixReplacesTheExtension() {
        assertEquals(Path.of("ck/model.curves.png"), ChartFiles.withSuffix(Path.of("ck/model.safetensors"), ".curves.png"));
        assertEquals(Path.of("plain.svg"), ChartFiles.withSuffix(Path.of("plain"), ".svg"));
    }
}
