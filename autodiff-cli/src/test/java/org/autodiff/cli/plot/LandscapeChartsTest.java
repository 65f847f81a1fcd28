package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Adam;
import org.autodiff.teaching.landscape.BuiltInProblem;
import org.autodiff.teaching.landscape.Landmark;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.Method;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LandscapeChartsTest {

    /** The landscape as the command draws it: the problem's own settings, the window grown to hold the paths. */
    private static ContourPicture picture(BuiltInProblem problem, int resolution, int width, int height) {
        Landscape own = Landscape.of(problem, 2);
        Window window = problem.window().fitting(own.paths());
        return ContourPicture.of(new Landscape(problem, LossGrid.evaluate(problem, window, resolution), own.paths()), width, height);
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void picturesAtTheDefaultSizeAreSmallSvgsAndRealPngs(BuiltInProblem problem, @TempDir Path dir) throws Exception {
        // The command's defaults: a 160 × 160 grid on a 1000 × 940 picture (one rectangle per cell made 14–17.5 MB).
        ContourPicture picture = picture(problem, 160, 1000, 940);
        JFreeChart surface = SurfaceChart.of(picture.landscape());
        ChartFiles.writePng(picture, dir.resolve("contour.png"), 1000, 940);
        ChartFiles.writePng(surface, dir.resolve("surface.png"), 1000, 940);
        PictureAssertions.assertPicture(dir.resolve("contour.png"), 1000, 940, 100);
        PictureAssertions.assertPicture(dir.resolve("surface.png"), 1000, 940, 100);
        ChartFiles.writeSvg(picture, dir.resolve("contour.svg"), 1000, 940);
        ChartFiles.writeSvg(surface, dir.resolve("surface.svg"), 1000, 940);
        for (Path svg : List.of(dir.resolve("contour.svg"), dir.resolve("surface.svg"))) {
            long size = Files.size(svg);
            assertTrue(size <= 2_000_000, problem + " " + svg.getFileName() + ": " + size + " bytes");
            String text = Files.readString(svg);
            assertTrue(text.contains("<image") && text.strip().endsWith("</svg>"), "the filled surface is one embedded image");
        }
    }

    @Test
    void svgAtTheFinestGridStaysUnderTwoMegabytes(@TempDir Path dir) throws Exception {
        // The contour lines are the part that grows with the grid: Rosenbrock's log-spaced ones are the longest.
        Path svg = dir.resolve("rosenbrock.svg");
        ChartFiles.writeSvg(picture(BuiltInProblem.ROSENBROCK, 1000, 1000, 940), svg, 1000, 940);
        assertTrue(Files.size(svg) <= 2_000_000, Files.size(svg) + " bytes");
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void everyChartOfTheContourPictureHasEqualScales(BuiltInProblem problem) {
        ContourPicture picture = picture(problem, 40, 1000, 940);
        Window window = picture.landscape().grid().window();
        List<Rectangle2D> areas = picture.dataAreas();
        assertEquals(1 + picture.landscape().paths().size(), areas.size(), "the big chart and one small chart per path");
        for (Rectangle2D area : areas) {
            double wPerPixel = (window.wMax() - window.wMin()) / area.getWidth();
            double bPerPixel = (window.bMax() - window.bMin()) / area.getHeight();
            assertEquals(1.0, wPerPixel / bPerPixel, 0.02, problem + ": units per pixel, w over b, in " + area);
        }
        assertTrue(areas.get(0).getWidth() > 2 * areas.get(1).getWidth(), "the chart of all paths is the big one");
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void everyPathStaysInTheWindowAndItsEndIsMarked(BuiltInProblem problem) {
        Landscape landscape = picture(problem, 20, 1000, 940).landscape();
        Window window = landscape.grid().window();
        Window own = problem.window();
        assertTrue(window.contains(own.wMin(), own.bMin()) && window.contains(own.wMax(), own.bMax()), "the problem's window is kept");
        List<OptimizerPath> paths = landscape.paths();
        List<XYDataset> ends = new ArrayList<>();
        ends.add(ContourChart.of(landscape).getXYPlot().getDataset(ContourChart.ENDS));
        ends.add(SurfaceChart.of(landscape).getXYPlot().getDataset(SurfaceChart.ENDS));
        Projection view = SurfaceChart.projection(landscape);
        for (int s = 0; s < paths.size(); s++) {
            OptimizerPath p = paths.get(s);
            for (int k = 0; k < p.size(); k++) {
                assertTrue(window.contains(p.w()[k], p.b()[k]), problem + " " + p.method() + " step " + k + " leaves " + window);
            }
            int last = p.size() - 1;
            assertEquals(1, ends.get(0).getItemCount(s), problem + " " + p.method() + ": one end mark");
            assertEquals(p.w()[last], ends.get(0).getXValue(s, 0));
            assertEquals(p.b()[last], ends.get(0).getYValue(s, 0));
            assertEquals(view.x(p.w()[last], p.b()[last]), ends.get(1).getXValue(s, 0), 1e-12);
            XYDataset panelEnds = ContourChart.panel(landscape, s).getXYPlot().getDataset(ContourChart.ENDS);
            assertEquals(p.w()[last], panelEnds.getXValue(0, 0), "the small chart marks the end too");
        }
    }

    @Test
    void eachSmallChartHoldsOnePath() {
        Landscape landscape = picture(BuiltInProblem.ROSENBROCK, 20, 1000, 940).landscape();
        for (int s = 0; s < landscape.paths().size(); s++) {
            JFreeChart panel = ContourChart.panel(landscape, s);
            XYDataset paths = panel.getXYPlot().getDataset(ContourChart.PATHS);
            assertEquals(1, paths.getSeriesCount());
            assertTrue(paths.getSeriesKey(0).toString().startsWith(landscape.paths().get(s).method().displayName()));
            assertTrue(panel.getTitle().getText().startsWith(landscape.paths().get(s).method().displayName()));
        }
    }

    @Test
    void theTwoWellsOfTheDoubleWellFallInDifferentBands() {
        BuiltInProblem problem = BuiltInProblem.LOCAL_MINIMUM;
        Landscape landscape = picture(problem, 160, 1000, 940).landscape();
        Bands bands = ContourChart.bands(landscape);
        List<Landmark> marks = problem.landmarks();
        int global = bands.bandOf(loss(problem, marks.get(0))), local = bands.bandOf(loss(problem, marks.get(1)));
        int saddle = bands.bandOf(loss(problem, marks.get(2)));
        assertEquals("local minimum", marks.get(1).label());
        assertNotEquals(global, local, "both wells in band " + global);
        assertTrue(saddle > local, "a contour runs between the local minimum (band " + local + ") and the saddle (band "
                + saddle + "), so the shallow well has a basin of its own");
    }

    private static double loss(BuiltInProblem p, Landmark m) {
        return p.loss(Tensor.scalar(m.w()), Tensor.scalar(m.b())).item();
    }

    @Test
    void plottedPathsAreTheOptimizerTrajectoriesThinned() {
        BuiltInProblem problem = BuiltInProblem.ROSENBROCK;
        Landscape landscape = picture(problem, 20, 1000, 940).landscape();
        Window window = landscape.grid().window();
        double tolerance = ContourChart.THINNING * Math.hypot(window.wMax() - window.wMin(), window.bMax() - window.bMin());
        XYDataset plotted = ContourChart.of(landscape).getXYPlot().getDataset(ContourChart.PATHS);
        assertEquals(Method.values().length, plotted.getSeriesCount());
        for (int s = 0; s < plotted.getSeriesCount(); s++) {
            OptimizerPath path = landscape.paths().get(s);
            assertTrue(plotted.getSeriesKey(s).toString().startsWith(path.method().displayName()));
            assertSubsequence(path.w(), path.b(), plotted, s, tolerance);
        }
        // And the recorded path is what Adam does when driven by hand, step by step.
        OptimizerPath adamPath = landscape.paths().get(Method.ADAM.ordinal());
        Tensor theta = Tensor.of(problem.start(), 2).requiresGrad(true);
        Adam adam = new Adam(List.of(theta), problem.learningRate(Method.ADAM));
        for (int k = 0; k < problem.steps(); k++) {
            assertEquals(theta.get(0), adamPath.w()[k], "step " + k);
            assertEquals(theta.get(1), adamPath.b()[k], "step " + k);
            adam.zeroGrad();
            problem.loss(theta.slice(0, 0, 1, 1).reshape(), theta.slice(0, 1, 2, 1).reshape()).backward();
            adam.step();
        }
    }

    @Test
    void surfacePathsAreTheTrajectoriesProjected() {
        Landscape landscape = picture(BuiltInProblem.LOCAL_MINIMUM, 30, 1000, 940).landscape();
        JFreeChart chart = SurfaceChart.of(landscape);
        XYDataset plotted = chart.getXYPlot().getDataset(SurfaceChart.PATHS);
        Projection view = SurfaceChart.projection(landscape);
        for (int s = 0; s < plotted.getSeriesCount(); s++) {
            OptimizerPath path = landscape.paths().get(s);
            double[] x = new double[path.size()], y = new double[path.size()];
            for (int k = 0; k < path.size(); k++) {
                x[k] = view.x(path.w()[k], path.b()[k]);
                y[k] = view.y(path.w()[k], path.b()[k], view.height(path.loss()[k]));
            }
            assertSubsequence(x, y, plotted, s, ContourChart.THINNING);
        }
    }

    /**
     * Series {@code s} of {@code plotted} is the path (x, y) with points left out only where they
     * lie within {@code tolerance} of the point drawn before them; the first and last are drawn.
     */
    private static void assertSubsequence(double[] x, double[] y, XYDataset plotted, int s, double tolerance) {
        int n = plotted.getItemCount(s), k = 0;
        assertEquals(x[0], plotted.getXValue(s, 0));
        assertEquals(x[x.length - 1], plotted.getXValue(s, n - 1));
        for (int i = 1; i < n; i++) {
            double px = plotted.getXValue(s, i - 1), py = plotted.getYValue(s, i - 1);
            k++;
            while (k < x.length && (x[k] != plotted.getXValue(s, i) || y[k] != plotted.getYValue(s, i))) {
                assertTrue(Math.hypot(x[k] - px, y[k] - py) < tolerance, "point " + k + " was left out but lies "
                        + Math.hypot(x[k] - px, y[k] - py) + " from the one drawn before it");
                k++;
            }
            assertTrue(k < x.length, "drawn point " + i + " is on the path, in order");
        }
        assertTrue(n <= x.length);
    }

    @Test
    void svgFilesAreSvgDocuments(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("bowl.svg");
        ChartFiles.writeSvg(ContourChart.of(Landscape.of(BuiltInProblem.BOWL, 20)), svg, 500, 400);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("width='500'") && text.strip().endsWith("</svg>"),
                text.substring(0, Math.min(300, text.length())));
        assertTrue(text.contains("SGD"), "the legend's text is in the SVG");
    }

    @Test
    void svgCoordinatesHaveTwoDecimals() {
        assertEquals("12.5", ChartFiles.hundredths(12.5));
        assertEquals("3", ChartFiles.hundredths(3.0001));
        assertEquals("-0.07", ChartFiles.hundredths(-0.0749));
        assertEquals("-1.06", ChartFiles.hundredths(-1.055001));
        assertEquals("0", ChartFiles.hundredths(-0.001));
    }

    @Test
    void suffixReplacesTheExtension() {
        assertEquals(Path.of("ck/model.curves.png"), ChartFiles.withSuffix(Path.of("ck/model.safetensors"), ".curves.png"));
        assertEquals(Path.of("plain.svg"), ChartFiles.withSuffix(Path.of("plain"), ".svg"));
    }
}
