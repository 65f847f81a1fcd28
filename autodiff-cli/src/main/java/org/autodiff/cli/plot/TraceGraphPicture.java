package org.autodiff.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.autodiff.core.autograd.AdjointTrace;
import org.autodiff.core.autograd.TraceEdge;
import org.jfree.chart.ui.Drawable;

/**
 * A traced computation graph drawn in pure Java (no Graphviz): the output at the top, the inputs
 * at the bottom, each node a box with its name, op, value and adjoint, each edge an arrow from an
 * input up to the op that used it, labelled with the operand and the local derivative
 * ∂consumer/∂input, stacked above the input where its arrows start. Constant operands are dashed
 * boxes. Written as PNG or SVG by {@link #write}.
 *
 * <p>Nodes are placed in layers by their longest distance from the output, which the trace's
 * order gives in one pass (backward visits a node only after all its consumers).
 */
public final class TraceGraphPicture implements Drawable {
    private static final Font NODE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font NODE_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font EDGE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int MAX_TEXT = 64;
    private static final int PAD = 8;
    private static final int H_GAP = 28;
    private static final int V_GAP = 36;
    private static final int MARGIN = 20;
    private static final Color OUTPUT = new Color(0xf4, 0xcc, 0xcc);
    private static final Color LEAF = new Color(0xcf, 0xe2, 0xf3);
    private static final Color OP = new Color(0xfa, 0xfa, 0xfa);
    private static final Color EDGE_LABEL = new Color(0x33, 0x33, 0x66);
    // Read from PlotStyle, whose loading makes AWT headless before any drawing starts.
    private static final Color HALO = PlotStyle.HALO;

    /** One box: its text lines (the first one bold), its layer and where it was placed. */
    private static final class Box {
        final List<String> lines;
        final Color fill;
        final boolean dashed;
        /** The labels of the edges leaving this box, stacked above it where its arrows start. */
        final List<String> edgeLabels = new ArrayList<>();
        int layer;
        double x;
        double y;
        double width;
        double height;
        /** The row width the box takes: its own, or its widest edge label's. */
        double slot;

        Box(List<String> lines, Color fill, boolean dashed) {
            this.lines = lines;
            this.fill = fill;
            this.dashed = dashed;
        }
    }

    private record Arrow(Box from, Box to) {
    }

    private final List<Box> boxes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final int width;
    private final int height;
    private double lineHeight;

    /**
     * Lays out the graph of {@code trace}.
     *
     * @param trace a traced backward pass, from {@code Autograd.trace}
     */
    public TraceGraphPicture(AdjointTrace trace) {
        Objects.requireNonNull(trace, "trace");
        Map<String, Box> byNode = new HashMap<>();
        for (AdjointTrace.Step s : trace.steps()) {
            boolean leaf = s.op().equals("leaf");
            Box box = new Box(List.of(shorten(s.title()), shorten("value " + AdjointTrace.format(s.value())),
                    shorten("adjoint " + AdjointTrace.format(s.adjoint()))), s.index() == 1 ? OUTPUT : leaf ? LEAF : OP, false);
            boxes.add(box);
            byNode.put(s.node(), box);
        }
        // The trace's order puts every consumer before its inputs, so one pass gives each box its layer.
        for (AdjointTrace.Step s : trace.steps()) {
            Box consumer = byNode.get(s.node());
            for (TraceEdge e : s.edges()) {
                Box input;
                String label;
                if (e.contribution() == null) {
                    input = new Box(List.of(shorten(e.input()), shorten(AdjointTrace.format(e.constant()))), Color.WHITE, true);
                    boxes.add(input);
                    label = e.operand() + " of " + s.node();
                } else {
                    input = byNode.get(e.input());
                    label = shorten(e.operand() + ": ∂" + s.node() + "/∂" + e.input() + " = "
                            + AdjointTrace.formatDerivative(e.localDerivative()));
                }
                input.layer = Math.max(input.layer, consumer.layer + 1);
                input.edgeLabels.add(label);
                arrows.add(new Arrow(input, consumer));
            }
        }
        int[] size = place();
        width = size[0];
        height = size[1];
    }

    /**
     * The picture's width.
     *
     * @return pixels
     */
    public int width() {
        return width;
    }

    /**
     * The picture's height.
     *
     * @return pixels
     */
    public int height() {
        return height;
    }

    /**
     * Writes the picture as PNG or SVG, chosen by the file name's extension.
     *
     * @param file a .png or .svg file; missing parent folders are created
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException for another extension
     */
    public void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            ChartFiles.writePng(this, file, width, height);
        } else if (name.endsWith(".svg")) {
            ChartFiles.writeSvg(this, file, width, height);
        } else {
            throw new IllegalArgumentException("TraceGraphPicture.write: cannot tell the image format of " + file
                    + "; use a name ending in .png or .svg");
        }
    }

    /**
     * Sizes the boxes, places each layer centred in its row (a box's slot as wide as the edge
     * labels stacked above it), and returns the picture's size.
     */
    private int[] place() {
        FontMetrics node;
        FontMetrics title;
        FontMetrics edge;
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            node = g.getFontMetrics(NODE);
            title = g.getFontMetrics(NODE_TITLE);
            edge = g.getFontMetrics(EDGE);
        } finally {
            g.dispose();
        }
        lineHeight = edge.getHeight();
        int layers = 0;
        for (Box b : boxes) {
            double w = title.stringWidth(b.lines.get(0));
            for (String line : b.lines.subList(1, b.lines.size())) {
                w = Math.max(w, node.stringWidth(line));
            }
            b.width = w + 2 * PAD;
            b.height = b.lines.size() * node.getHeight() + PAD;
            b.slot = b.width;
            for (String label : b.edgeLabels) {
                b.slot = Math.max(b.slot, edge.stringWidth(label) + 6);
            }
            layers = Math.max(layers, b.layer + 1);
        }
        double[] rowWidth = new double[layers];
        double[] rowHeight = new double[layers];
        double[] labelsAbove = new double[layers];
        for (Box b : boxes) {
            rowWidth[b.layer] += b.slot + (rowWidth[b.layer] > 0 ? H_GAP : 0);
            rowHeight[b.layer] = Math.max(rowHeight[b.layer], b.height);
            labelsAbove[b.layer] = Math.max(labelsAbove[b.layer], b.edgeLabels.size() * lineHeight);
        }
        double widest = 0;
        for (double w : rowWidth) {
            widest = Math.max(widest, w);
        }
        double[] nextX = new double[layers];
        double[] top = new double[layers];
        double y = MARGIN;
        for (int l = 0; l < layers; l++) {
            y += l == 0 ? 0 : V_GAP + labelsAbove[l];
            nextX[l] = MARGIN + (widest - rowWidth[l]) / 2;
            top[l] = y;
            y += rowHeight[l];
        }
        for (Box b : boxes) {
            b.x = nextX[b.layer] + (b.slot - b.width) / 2;
            b.y = top[b.layer] + (rowHeight[b.layer] - b.height) / 2;
            nextX[b.layer] += b.slot + H_GAP;
        }
        return new int[] {(int) Math.ceil(widest + 2 * MARGIN), (int) Math.ceil(y + MARGIN)};
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area) {
        g2.setPaint(Color.WHITE);
        g2.fill(area);
        g2.translate(area.getX(), area.getY());
        FontMetrics edgeMetrics = g2.getFontMetrics(EDGE);
        g2.setStroke(new BasicStroke(1.2f));
        for (Arrow a : arrows) {
            double x1 = a.from.x + a.from.width / 2;
            double y1 = a.from.y;
            double x2 = a.to.x + a.to.width / 2;
            double y2 = a.to.y + a.to.height;
            g2.setPaint(Color.DARK_GRAY);
            g2.draw(new Line2D.Double(x1, y1, x2, y2));
            drawArrowHead(g2, x1, y1, x2, y2);
        }
        g2.setFont(EDGE);
        for (Box b : boxes) {
            // Where the box's arrows start: one line per edge, the first edge's label nearest the box.
            for (int i = 0; i < b.edgeLabels.size(); i++) {
                String label = b.edgeLabels.get(i);
                double w = edgeMetrics.stringWidth(label);
                double cx = b.x + b.width / 2;
                double baseline = b.y - 4 - i * lineHeight - edgeMetrics.getDescent();
                g2.setPaint(HALO);
                g2.fill(new Rectangle2D.Double(cx - w / 2 - 2, baseline - edgeMetrics.getAscent(), w + 4, lineHeight));
                g2.setPaint(EDGE_LABEL);
                g2.drawString(label, (float) (cx - w / 2), (float) baseline);
            }
        }
        for (Box b : boxes) {
            RoundRectangle2D shape = new RoundRectangle2D.Double(b.x, b.y, b.width, b.height, 10, 10);
            g2.setPaint(b.fill);
            g2.fill(shape);
            g2.setPaint(b.dashed ? Color.GRAY : Color.BLACK);
            g2.setStroke(b.dashed ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {4f, 3f}, 0f) : new BasicStroke(1.2f));
            g2.draw(shape);
            FontMetrics m = g2.getFontMetrics(NODE);
            float baseline = (float) b.y + PAD / 2f + m.getAscent();
            for (int i = 0; i < b.lines.size(); i++) {
                g2.setFont(i == 0 ? NODE_TITLE : NODE);
                g2.setPaint(Color.BLACK);
                g2.drawString(b.lines.get(i), (float) b.x + PAD, baseline + i * m.getHeight());
            }
        }
        g2.translate(-area.getX(), -area.getY());
    }

    private static void drawArrowHead(Graphics2D g2, double x1, double y1, double x2, double y2) {
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double size = 8;
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - size * Math.cos(angle - 0.4), y2 - size * Math.sin(angle - 0.4));
        head.lineTo(x2 - size * Math.cos(angle + 0.4), y2 - size * Math.sin(angle + 0.4));
        head.closePath();
        g2.fill(head);
    }

    private static String shorten(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }
}
