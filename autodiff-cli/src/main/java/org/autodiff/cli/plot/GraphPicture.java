package org.autodiff.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link DotGraph} in pure Java: Eclipse ELK's layered (Sugiyama) layout places the boxes
 * and routes the edges, Java2D draws them, to PNG or (through JFreeSVG) SVG. It needs no
 * installed program; {@link Graphviz} is used instead where its {@code dot} is installed.
 * Drawn: box nodes (filled, rounded or dashed as their {@code style} says, in their
 * {@code fillcolor}/{@code color}), multi-line labels, edges with arrowheads and labels, and the
 * graph's {@code rankdir}.
 */
public final class GraphPicture {
    private static final double MARGIN = 12;
    private static final double PAD_X = 8, PAD_Y = 5;
    private static final Color INK = new Color(0x33, 0x33, 0x33);

    private final DotGraph graph;
    private final Font font;
    private final Font edgeFont;
    private final Map<String, Rectangle2D> boxes = new HashMap<>();
    private final List<RoutedEdge> routes = new ArrayList<>();
    private final double width, height;

    /** An edge's polyline and where its label goes. */
    private record RoutedEdge(DotGraph.Edge edge, List<Point2D> points, Rectangle2D label) {
    }

    /**
     * Lays {@code graph} out.
     *
     * @param graph the graph to draw
     */
    public GraphPicture(DotGraph graph) {
        this.graph = graph;
        this.font = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize(graph));
        this.edgeFont = font.deriveFont(font.getSize2D() * 0.85f);
        FontMetrics metrics = metrics(font), edgeMetrics = metrics(edgeFont);

        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.DIRECTION, direction(graph.graph().getOrDefault("rankdir", "TB")));
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 20.0);
        Map<String, ElkNode> elkNodes = new HashMap<>();
        for (DotGraph.Node n : graph.nodes().values()) {
            ElkNode node = ElkGraphUtil.createNode(root);
            double[] size = textSize(n.labelLines(), metrics);
            node.setDimensions(size[0] + 2 * PAD_X, size[1] + 2 * PAD_Y);
            elkNodes.put(n.id(), node);
        }
        Map<ElkEdge, DotGraph.Edge> elkEdges = new HashMap<>();
        for (DotGraph.Edge e : graph.edges()) {
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(elkNodes.get(e.from()), elkNodes.get(e.to()));
            List<String> lines = e.labelLines();
            if (!lines.isEmpty()) {
                ElkLabel label = ElkGraphUtil.createLabel(String.join("\n", lines), edge);
                double[] size = textSize(lines, edgeMetrics);
                label.setDimensions(size[0] + 4, size[1]);
            }
            elkEdges.put(edge, e);
        }
        layout(root);

        for (DotGraph.Node n : graph.nodes().values()) {
            ElkNode node = elkNodes.get(n.id());
            boxes.put(n.id(), new Rectangle2D.Double(node.getX() + MARGIN, node.getY() + MARGIN, node.getWidth(), node.getHeight()));
        }
        for (ElkEdge edge : root.getContainedEdges()) {
            List<Point2D> points = new ArrayList<>();
            for (ElkEdgeSection section : edge.getSections()) {
                points.add(new Point2D.Double(section.getStartX() + MARGIN, section.getStartY() + MARGIN));
                for (ElkBendPoint bend : section.getBendPoints()) {
                    points.add(new Point2D.Double(bend.getX() + MARGIN, bend.getY() + MARGIN));
                }
                points.add(new Point2D.Double(section.getEndX() + MARGIN, section.getEndY() + MARGIN));
            }
            Rectangle2D label = edge.getLabels().isEmpty() ? null : new Rectangle2D.Double(
                    edge.getLabels().get(0).getX() + MARGIN, edge.getLabels().get(0).getY() + MARGIN,
                    edge.getLabels().get(0).getWidth(), edge.getLabels().get(0).getHeight());
            routes.add(new RoutedEdge(elkEdges.get(edge), points, label));
        }
        this.width = Math.ceil(root.getWidth() + 2 * MARGIN);
        this.height = Math.ceil(root.getHeight() + 2 * MARGIN);
    }

    /** @return each node's box in the picture, by node id (a copy) */
    public Map<String, Rectangle2D> nodeBoxes() {
        return Map.copyOf(boxes);
    }

    /** @return the picture's width in pixels */
    public int width() {
        return (int) width;
    }

    /** @return the picture's height in pixels */
    public int height() {
        return (int) height;
    }

    /**
     * Writes the picture as PNG or SVG, by {@code file}'s extension, creating missing parent folders.
     *
     * @param file a file name ending in .png or .svg
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the name ends otherwise
     */
    public void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("GraphPicture.write: cannot draw " + file
                    + " without Graphviz; use a name ending in .svg or .png (or .dot for the DOT text)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            g.setGeomDoubleConverter(ChartFiles::hundredths);
            draw(g);
            Files.writeString(file, g.getSVGDocument());
        } else {
            // Twice the layout's size: sharp text on today's screens.
            int scale = 2;
            BufferedImage image = new BufferedImage(scale * width(), scale * height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.scale(scale, scale);
                draw(g);
            } finally {
                g.dispose();
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer for " + file);
            }
        }
    }

    /**
     * Draws the picture at (0, 0), {@link #width()} × {@link #height()}.
     *
     * @param g where to draw
     */
    public void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        for (RoutedEdge route : routes) {
            drawEdge(g, route);
        }
        for (DotGraph.Node n : graph.nodes().values()) {
            drawNode(g, n, boxes.get(n.id()));
        }
    }

    private void drawNode(Graphics2D g, DotGraph.Node n, Rectangle2D box) {
        String style = n.attrs().getOrDefault("style", "");
        boolean rounded = style.contains("rounded");
        java.awt.Shape shape = rounded ? new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 10, 10) : box;
        if (style.contains("filled")) {
            g.setColor(color(n.attrs().getOrDefault("fillcolor", n.attrs().getOrDefault("color", "lightgrey")), Color.LIGHT_GRAY));
            g.fill(shape);
        }
        g.setColor(color(n.attrs().getOrDefault("color", "black"), INK));
        g.setStroke(style.contains("dashed") ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
                : style.contains("bold") ? new BasicStroke(2f) : new BasicStroke(1f));
        g.draw(shape);
        g.setColor(color(n.attrs().getOrDefault("fontcolor", "black"), Color.BLACK));
        g.setFont(font);
        drawLines(g, n.labelLines(), box, metrics(font));
    }

    private void drawEdge(Graphics2D g, RoutedEdge route) {
        List<Point2D> p = route.points();
        if (p.size() < 2) {
            return;
        }
        Color color = color(route.edge().attrs().getOrDefault("color", "black"), INK);
        g.setColor(color);
        String style = route.edge().attrs().getOrDefault("style", "");
        g.setStroke(style.contains("dashed") ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 3f}, 0f)
                : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        Path2D line = new Path2D.Double();
        line.moveTo(p.get(0).getX(), p.get(0).getY());
        for (int i = 1; i < p.size(); i++) {
            line.lineTo(p.get(i).getX(), p.get(i).getY());
        }
        g.draw(line);
        // The arrowhead at the head node, along the last segment.
        Point2D tip = p.get(p.size() - 1), from = p.get(p.size() - 2);
        double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
        Path2D head = new Path2D.Double();
        head.moveTo(tip.getX(), tip.getY());
        head.lineTo(tip.getX() - 8 * Math.cos(angle - 0.4), tip.getY() - 8 * Math.sin(angle - 0.4));
        head.lineTo(tip.getX() - 8 * Math.cos(angle + 0.4), tip.getY() - 8 * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
        if (route.label() != null) {
            g.setFont(edgeFont);
            drawLines(g, route.edge().labelLines(), route.label(), metrics(edgeFont));
        }
    }

    /** Centred lines of text in {@code box}. */
    private static void drawLines(Graphics2D g, List<String> lines, Rectangle2D box, FontMetrics m) {
        double lineHeight = m.getHeight();
        double y = box.getCenterY() - lineHeight * lines.size() / 2 + m.getAscent();
        for (String line : lines) {
            g.drawString(line, (float) (box.getCenterX() - m.stringWidth(line) / 2.0), (float) y);
            y += lineHeight;
        }
    }

    private static double[] textSize(List<String> lines, FontMetrics m) {
        double w = 0;
        for (String line : lines) {
            w = Math.max(w, m.stringWidth(line));
        }
        return new double[] {w, (double) m.getHeight() * lines.size()};
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    /** DOT's font size (points, default 14, or as the node defaults say) in pixels at 96 dpi. */
    private static int fontSize(DotGraph graph) {
        String size = graph.nodes().values().stream().map(n -> n.attrs().get("fontsize")).filter(s -> s != null)
                .findFirst().orElse("14");
        try {
            return (int) Math.round(Math.max(6, Math.min(48, Double.parseDouble(size))) * 96 / 72);
        } catch (NumberFormatException e) {
            return 18;
        }
    }

    private static Direction direction(String rankdir) {
        return switch (rankdir.toUpperCase(Locale.ROOT)) {
            case "BT" -> Direction.UP;
            case "LR" -> Direction.RIGHT;
            case "RL" -> Direction.LEFT;
            default -> Direction.DOWN;
        };
    }

    /** A DOT colour: {@code #rrggbb}, {@code #rrggbbaa} or one of the common names; {@code fallback} otherwise. */
    static Color color(String dot, Color fallback) {
        String c = dot.strip().toLowerCase(Locale.ROOT);
        if (c.matches("#[0-9a-f]{6}([0-9a-f]{2})?")) {
            int rgb = Integer.parseInt(c.substring(1, 7), 16);
            int alpha = c.length() == 9 ? Integer.parseInt(c.substring(7), 16) : 255;
            return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, alpha);
        }
        return switch (c) {
            case "black" -> Color.BLACK;
            case "white" -> Color.WHITE;
            case "red" -> new Color(0xd6, 0x27, 0x28);
            case "blue" -> new Color(0x1f, 0x77, 0xb4);
            case "green" -> new Color(0x2c, 0xa0, 0x2c);
            case "orange" -> new Color(0xff, 0x7f, 0x0e);
            case "gray", "grey" -> Color.GRAY;
            case "lightgray", "lightgrey" -> new Color(0xd3, 0xd3, 0xd3);
            case "lightblue" -> new Color(0xad, 0xd8, 0xe6);
            case "lightyellow" -> new Color(0xff, 0xff, 0xe0);
            case "pink" -> new Color(0xff, 0xc0, 0xcb);
            default -> fallback;
        };
    }

    /** ELK's layered algorithm, registered once with its metadata service (plain Java has no plug-in registry). */
    private static synchronized void layout(ElkNode root) {
        LayoutMetaDataService service = LayoutMetaDataService.getInstance();
        if (service.getAlgorithmData("org.eclipse.elk.layered") == null) {
            service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
    }
}
