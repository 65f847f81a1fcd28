package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DotGraphTest {

    @Test
    void readsNodesEdgesDefaultsAndGraphAttributes() {
        DotGraph g = DotGraph.parse("""
                // a comment
                digraph autodiff {
                  rankdir=BT;
                  node [shape=box, fontsize=10];
                  n0 [label="loss (mean)\\n[] float64", style=filled, fillcolor="#f4cccc"];
                  n1 [label="say \\"hi\\""];
                  n2 -> n1 -> n0 [label="x", style=dashed];
                  /* block */ subgraph cluster_a { node [color=red]; n3; }
                  n3 -> n0;
                }
                """);
        assertEquals(List.of("n0", "n1", "n2", "n3"), List.copyOf(g.nodes().keySet()));
        assertEquals("BT", g.graph().get("rankdir"));
        assertEquals(List.of("loss (mean)", "[] float64"), g.nodes().get("n0").labelLines());
        assertEquals("#f4cccc", g.nodes().get("n0").attrs().get("fillcolor"));
        assertEquals("10", g.nodes().get("n0").attrs().get("fontsize"), "node defaults apply");
        assertEquals(List.of("say \"hi\""), g.nodes().get("n1").labelLines());
        assertEquals(List.of("n2"), g.nodes().get("n2").labelLines(), "a node without a label shows its id");
        assertEquals("red", g.nodes().get("n3").attrs().get("color"), "a subgraph's defaults apply inside it");
        assertEquals(3, g.edges().size());
        assertEquals("n2", g.edges().get(0).from());
        assertEquals("n1", g.edges().get(0).to());
        assertEquals("dashed", g.edges().get(1).attrs().get("style"), "a chain's attributes apply to each edge");
        assertEquals(List.of("x"), g.edges().get(1).labelLines());
        assertEquals(List.of(), g.edges().get(2).labelLines());
    }

    @Test
    void htmlLabelsKeepTheirTextAndLineBreaks() {
        DotGraph g = DotGraph.parse("digraph { a [label=<<b>matmul</b><br/>[3, 1] &lt;float64&gt;>]; }");
        assertEquals(List.of("matmul", "[3, 1] <float64>"), g.nodes().get("a").labelLines());
    }

    @Test
    void textThatIsNotDotIsRefusedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DotGraph.parse("digraph {\n a -> ;\n}"));
        assertTrue(e.getMessage().startsWith("DotGraph.parse: ") && e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DotGraph.parse("graph2 { }"));
    }
}
