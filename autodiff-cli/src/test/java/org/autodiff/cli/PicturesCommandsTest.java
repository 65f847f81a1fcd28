package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autodiff.cli.plot.PictureAssertions;
import org.autodiff.core.Tensor;
import org.autodiff.core.autograd.AdjointTrace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that draw: landscape, graph, and the curves picture of train. */
class PicturesCommandsTest {

    @Test
    void landscapeWritesContourAndSurfaceAsPngAndSvg(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("pics/saddle.png");
        CliRun r = CliRun.of("landscape", "--problem", "saddle", "--resolution", "50", "--width", "700", "--height", "560", "--svg",
                "--lr", "adam=0.1", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        PictureAssertions.assertPicture(png, 700, 560, 100);
        PictureAssertions.assertPicture(dir.resolve("pics/saddle.surface.png"), 700, 560, 100);
        assertTrue(Files.readString(dir.resolve("pics/saddle.svg")).contains("<svg"));
        assertTrue(Files.readString(dir.resolve("pics/saddle.surface.svg")).contains("<svg"));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Adam") && l.contains("0.1000")), r.out());
    }

    @Test
    void oneParameterCurveIsDrawnWithTheChosenMethods(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plateau.png");
        CliRun r = CliRun.of("landscape", "--problem", "plateau", "--methods", "sgd,adam", "--width", "600", "--height", "500",
                "--svg", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        PictureAssertions.assertPicture(png, 600, 500, 30);
        assertTrue(Files.readString(dir.resolve("plateau.svg")).contains("<svg"));
        List<String> rows = r.out().lines().filter(l -> l.matches("^(SGD|Momentum|AdaGrad|RMSProp|Adam) .*")).toList();
        assertEquals(2, rows.size(), r.out());
        // On the plateau plain gradient descent barely moves from θ = 3; Adam walks down into the well.
        double sgdTheta = Double.parseDouble(rows.get(0).trim().split("\\s+")[2]);
        double adamTheta = Double.parseDouble(rows.get(1).trim().split("\\s+")[2]);
        assertTrue(sgdTheta > 2.9, r.out());
        assertTrue(Math.abs(adamTheta) < 0.1, r.out());
        assertFalse(Files.exists(dir.resolve("plateau.surface.png")), "a curve has no 3-D view");
    }

    @Test
    void longRunsWithoutATerminalReportEachMethod(@TempDir Path dir) {
        CliRun r = CliRun.of("landscape", "--problem", "bowl", "--methods", "sgd,adam", "--steps", "10000", "--resolution", "20",
                "--width", "400", "--height", "400", "--out", dir.resolve("bowl.png").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("SGD: 1 of 2 methods done", "Adam: 2 of 2 methods done"), r.err().lines().toList());
    }

    @Test
    void trainWritesTrainingCurvesBesideTheCheckpoint(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("iris.safetensors");
        CliRun r = CliRun.of("train", "--dataset", "iris", "--hidden", "8", "--epochs", "4", "--no-progress", "--out", ckpt.toString());
        assertEquals(0, r.code(), r.err());
        Path curves = dir.resolve("iris.curves.png");
        assertTrue(r.out().contains("wrote training curves " + curves), r.out());
        PictureAssertions.assertPicture(curves, CurvesOutput.WIDTH, CurvesOutput.HEIGHT, 20);
    }

    @Test
    void graphIsDrawnInJavaWithValuesAdjointsAndLocalDerivativesOnEveryNode(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("g.svg"), png = dir.resolve("pictures/g.png");
        CliRun r = CliRun.of("graph", "--renderer", "java", "--out", svg.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg"), "an SVG document");
        // Every node shows its adjoint, inner ones included, under its name and op (mean is sum ÷ n, square is e·e).
        for (String node : List.of("L = div", "e = sub", "ŷ = sigmoid", "z = add", "w (leaf)", "b (leaf)")) {
            assertTrue(text.contains(">" + node + "<"), node + " is drawn");
        }
        assertEquals(9, text.split(">adjoint ", -1).length - 1, "one adjoint per node: L, sum, e·e, e, ŷ, z, matmul, w, b");
        // σ'(z) = σ(z)(1 − σ(z)) on the edge from z to ŷ, z = x·w + b computed here by hand.
        double[][] x = {{1, 2}, {-1, 0.5}, {0, 1.5}};
        double[] slope = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = 1 / (1 + Math.exp(-(x[i][0] * 0.5 + x[i][1] * -0.3 + 0.1)));
            slope[i] = s * (1 - s);
        }
        String sigmaPrime = "diag " + AdjointTrace.format(Tensor.of(slope, 3, 1));
        assertTrue(text.contains(">∂ŷ/∂z = " + sigmaPrime + "<"), "σ' on the edge from z to ŷ: " + sigmaPrime);
        // ∂L/∂w = (2/3) Σᵢ eᵢ σ'ᵢ xᵢ with eᵢ = σ(zᵢ) − yᵢ.
        double[] y = {1, 0, 1};
        double[] gradW = new double[2];
        for (int i = 0; i < 3; i++) {
            double e = 1 / (1 + Math.exp(-(x[i][0] * 0.5 + x[i][1] * -0.3 + 0.1))) - y[i];
            for (int j = 0; j < 2; j++) {
                gradW[j] += 2.0 / 3 * e * slope[i] * x[i][j];
            }
        }
        String wAdjoint = "adjoint " + AdjointTrace.format(Tensor.of(gradW, 2, 1));
        assertTrue(text.contains(">" + wAdjoint + "<"), "w's gradient: " + wAdjoint);
        assertEquals(2, text.split(">∂mul#3/∂e = diag \\[", -1).length - 1,
                "e reaches e·e along two edges, each labelled");
        assertTrue(text.contains(">x<") && text.contains(">y<"), "constant operands are drawn too");
        assertEquals(0, CliRun.of("graph", "--renderer", "java", "--out", png.toString()).code());
        PictureAssertions.assertPicture(png, 0, 0, 20);
    }

    @Test
    void chainGraphAsDotShowsTheOperandAndLocalFactorOnEachEdge(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("chain.dot");
        CliRun r = CliRun.of("graph", "--example", "chain", "--out", dot.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph"), text);
        assertTrue(text.contains("c (leaf)"), text);
        assertTrue(text.contains("value -1\\nadjoint -40"), text);
        assertTrue(text.contains("[label=\"other\\n∂φ/∂c = 5\"]"), text);
        assertTrue(text.contains("[label=\"other\\n∂w/∂c = 1\"]"), text);
        assertEquals(7, text.lines().filter(l -> l.contains("adjoint ")).count(), text);
    }

    @Test
    void graphvizRendersTheSameDotWhenItIsInstalled(@TempDir Path dir) throws Exception {
        boolean installed;
        try {
            installed = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            installed = false;
        }
        Assumptions.assumeTrue(installed, "Graphviz's dot is optional; the pure-Java pictures are tested above");
        Path png = dir.resolve("g.png");
        CliRun r = CliRun.of("graph", "--renderer", "graphviz", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        PictureAssertions.assertPicture(png, 0, 0, 20);
    }

    @Test
    void stepsThatCannotBeDrawnAreRefusedAtOnce() {
        CliRun r = CliRun.of("landscape", "--steps", "100000000");
        assertEquals(AutodiffCli.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("--steps must be between 0 and 100000, got 100000000"), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void badPictureArgumentsGetOneLineErrors(@TempDir Path dir) {
        String[][] cases = {
                {"landscape", "--problem", "himmelblau"},
                {"landscape", "--lr", "lbfgs=0.1", "--out", dir.resolve("x.png").toString()},
                {"landscape", "--resolution", "1"},
                {"landscape", "--start", "1,2,3", "--out", dir.resolve("y.png").toString()},
                {"landscape", "--problem", "plateau", "--start", "1,2", "--out", dir.resolve("y.png").toString()},
                {"landscape", "--steps", "-1"},
                {"landscape", "--steps", "100000000"},
                {"landscape", "--methods", "lbfgs"},
                {"landscape", "--width", "50000"},
                {"graph", "--out", dir.resolve("g.gif").toString()},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertFalse(r.code() == 0, String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
    }
}
