package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void trainWritesTrainingCurvesBesideTheCheckpoint(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("iris.safetensors");
        CliRun r = CliRun.of("train", "--dataset", "iris", "--hidden", "8", "--epochs", "4", "--no-progress", "--out", ckpt.toString());
        assertEquals(0, r.code(), r.err());
        Path curves = dir.resolve("iris.curves.png");
        assertTrue(r.out().contains("wrote training curves " + curves), r.out());
        PictureAssertions.assertPicture(curves, CurvesOutput.WIDTH, CurvesOutput.HEIGHT, 20);
    }

    @Test
    void graphIsWrittenAsDotAndRenderedByGraphviz(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        assertEquals(0, CliRun.of("graph", "--out", dot.toString()).code());
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph") && text.contains("‖grad‖") && text.contains("sigmoid\\n[3, 1] float64"), text);

        Path png = dir.resolve("g.png"), svg = dir.resolve("g.svg");
        CliRun r = CliRun.of("graph", "--out", png.toString());
        assertEquals(0, r.code(), "needs Graphviz's dot (apt-get install graphviz): " + r.err());
        PictureAssertions.assertPicture(png, 0, 0, 20);
        assertEquals(0, CliRun.of("graph", "--out", svg.toString()).code());
        String svgText = Files.readString(svg);
        assertTrue(svgText.contains("<svg") && svgText.contains("grad"), svgText);
    }

    @Test
    void badPictureArgumentsGetOneLineErrors(@TempDir Path dir) {
        String[][] cases = {
                {"landscape", "--problem", "himmelblau"},
                {"landscape", "--lr", "lbfgs=0.1", "--out", dir.resolve("x.png").toString()},
                {"landscape", "--resolution", "1"},
                {"landscape", "--start", "1,2,3", "--out", dir.resolve("y.png").toString()},
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
