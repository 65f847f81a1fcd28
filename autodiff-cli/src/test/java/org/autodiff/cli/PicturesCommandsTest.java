package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autodiff.cli.plot.PictureAssertions;
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
    void graphIsWrittenAsDotAndDrawnInPureJava(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        assertEquals(0, CliRun.of("graph", "--out", dot.toString()).code());
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph") && text.contains("‖grad‖") && text.contains("sigmoid\\n[3, 1] float64"), text);

        // The pure-Java renderer, so the test needs no installed program (Graphviz's dot is used
        // by default only where it is installed).
        Path png = dir.resolve("g.png"), svg = dir.resolve("g.svg");
        CliRun r = CliRun.of("graph", "--renderer", "java", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        PictureAssertions.assertPicture(png, 0, 0, 20);
        assertEquals(0, CliRun.of("graph", "--renderer", "java", "--out", svg.toString()).code());
        String svgText = Files.readString(svg);
        assertTrue(svgText.contains("<svg") && svgText.contains("grad") && svgText.contains("sigmoid"), svgText);
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
