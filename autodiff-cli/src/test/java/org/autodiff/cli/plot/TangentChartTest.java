package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.teaching.landscape.BuiltInCurve;
import org.autodiff.teaching.landscape.CurvePath;
import org.autodiff.teaching.landscape.Method;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TangentChartTest {

    private static List<CurvePath> paths(BuiltInCurve curve) {
        List<CurvePath> paths = new ArrayList<>();
        for (Method m : Method.values()) {
            paths.add(CurvePath.follow(curve, m, curve.learningRate(m), curve.start(), curve.steps(), k -> { }));
        }
        return paths;
    }

    private static double loss(BuiltInCurve curve, double theta) {
        return curve.loss(Tensor.scalar(theta)).item();
    }

    @ParameterizedTest
    @EnumSource(BuiltInCurve.class)
    void eachPanelShowsThePathsPointsOnTheCurveWithTheirTangents(BuiltInCurve curve) {
        List<CurvePath> paths = paths(curve);
        JFreeChart chart = TangentChart.of(curve, paths);
        @SuppressWarnings("unchecked")
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        assertEquals(paths.size(), panels.size());
        for (int s = 0; s < paths.size(); s++) {
            CurvePath path = paths.get(s);
            XYDataset steps = panels.get(s).getDataset(TangentChart.STEPS), marks = panels.get(s).getDataset(TangentChart.MARKS);
            int n = steps.getItemCount(0), last = path.size() - 1;
            assertEquals(path.theta()[0], steps.getXValue(0, 0));
            assertEquals(path.theta()[last], steps.getXValue(0, n - 1));
            for (int i = 0; i < n; i++) {
                double t = steps.getXValue(0, i);
                assertEquals(loss(curve, t), steps.getYValue(0, i), 1e-12, "a step's point lies on the curve");
            }
            assertEquals(path.theta()[0], marks.getXValue(0, 0), "start mark");
            assertEquals(path.theta()[last], marks.getXValue(1, 0), "end mark");

            // Every tangent touches the curve at a step's point with the slope of the curve there.
            XYDataset tangents = panels.get(s).getDataset(TangentChart.TANGENTS);
            int segments = tangents.getItemCount(0) / 3;
            assertTrue(segments >= 2, curve + " " + path.method() + ": " + segments + " tangents");
            for (int g = 0; g < segments; g++) {
                double x0 = tangents.getXValue(0, 3 * g), y0 = tangents.getYValue(0, 3 * g);
                double x1 = tangents.getXValue(0, 3 * g + 1), y1 = tangents.getYValue(0, 3 * g + 1);
                assertTrue(Double.isNaN(tangents.getXValue(0, 3 * g + 2)), "a break after each tangent");
                double t = (x0 + x1) / 2, h = 1e-6;
                double slope = (loss(curve, t + h) - loss(curve, t - h)) / (2 * h);
                assertEquals(slope, (y1 - y0) / (x1 - x0), 1e-5 * Math.max(1, Math.abs(slope)), "tangent " + g + " at θ = " + t);
                assertEquals(loss(curve, t), (y0 + y1) / 2, 1e-9, "tangent " + g + " touches the curve at its middle");
            }
            assertEquals(path.theta()[last], (tangents.getXValue(0, 3 * segments - 3) + tangents.getXValue(0, 3 * segments - 2)) / 2,
                    1e-12, "the last tangent is at the end");
        }
    }

    @ParameterizedTest
    @EnumSource(BuiltInCurve.class)
    void curvePicturesAreRealImagesAndSmallSvgs(BuiltInCurve curve, @TempDir Path dir) throws Exception {
        JFreeChart chart = TangentChart.of(curve, paths(curve));
        Path png = dir.resolve("curve.png"), svg = dir.resolve("curve.svg");
        ChartFiles.writePng(chart, png, 800, 700);
        ChartFiles.writeSvg(chart, svg, 800, 700);
        PictureAssertions.assertPicture(png, 800, 700, 30);
        assertTrue(Files.size(svg) < 2_000_000, Files.size(svg) + " bytes");
    }
}
