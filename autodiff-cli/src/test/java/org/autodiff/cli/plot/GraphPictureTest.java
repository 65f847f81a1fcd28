package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autodiff.core.Tensor;
import org.autodiff.core.autograd.GraphExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java graph picture: laid out by ELK, so no installed program is needed. */
class GraphPictureTest {

    private static String neuronGraph() {
        Tensor w = Tensor.of(new double[] {0.5, -0.3}, 2, 1).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, -1, 0.5}, 2, 2);
        Tensor loss = x.matmul(w).sigmoid().sum();
        loss.backward(Tensor.scalar(1.0), true, false);
        return GraphExport.toDot(loss);
    }

    @Test
    void boxesDoNotOverlapAndInputsSitBelowWhatIsComputedFromThem(@TempDir Path dir) throws Exception {
        DotGraph graph = DotGraph.parse(neuronGraph());
        GraphPicture picture = new GraphPicture(graph);
        Path png = dir.resolve("g.png");
        picture.write(png);
        BufferedImage image = PictureAssertions.assertPicture(png, 2 * picture.width(), 2 * picture.height(), 10);
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, image.getWidth() + "×" + image.getHeight());

        // rankdir=BT: every edge points up the picture, from an input to its result.
        Path svg = dir.resolve("g.svg");
        picture.write(svg);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, 40));
        for (String label : new String[] {"sigmoid", "matmul", "‖grad‖"}) {
            assertTrue(text.contains(label), label + " drawn as text");
        }
        assertEquals(graph.nodes().size(), picture.nodeBoxes().size());
        var boxes = picture.nodeBoxes().values().stream().toList();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), "boxes " + boxes.get(i) + " and " + boxes.get(j) + " overlap");
            }
        }
        for (DotGraph.Edge e : graph.edges()) {
            assertTrue(picture.nodeBoxes().get(e.from()).getMinY() > picture.nodeBoxes().get(e.to()).getMaxY(),
                    e.from() + " -> " + e.to() + " points upwards");
        }
    }

    @Test
    void onlySvgAndPngAreDrawnWithoutGraphviz(@TempDir Path dir) {
        GraphPicture picture = new GraphPicture(DotGraph.parse("digraph { a -> b; }"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> picture.write(dir.resolve("g.pdf")));
        assertTrue(e.getMessage().contains(".svg or .png"), e.getMessage());
    }
}
