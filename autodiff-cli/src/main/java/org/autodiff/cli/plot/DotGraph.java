package org.autodiff.cli.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed graph read from Graphviz DOT text, as much of the language as a picture of it needs:
 * node and edge statements with their attribute lists, {@code node [...]}/{@code edge [...]}
 * defaults, graph attributes ({@code rankdir}), subgraphs (flattened), comments, quoted and
 * HTML-like labels. It is what {@link GraphPicture} lays out when Graphviz is not installed.
 *
 * @param nodes the nodes by id, in the order they first appear
 * @param edges the edges, in the order they appear
 * @param graph the graph's own attributes, e.g. {@code rankdir}
 */
public record DotGraph(Map<String, Node> nodes, List<Edge> edges, Map<String, String> graph) {

    /**
     * A node and its attributes (its own over the {@code node [...]} defaults in force where it first appears).
     *
     * @param id    the node's id
     * @param attrs its attributes, e.g. {@code label}, {@code style}, {@code fillcolor}
     */
    public record Node(String id, Map<String, String> attrs) {
        /** @return the label's lines ({@code \n}, {@code \l}, {@code \r} break lines), the id when it has no label */
        public List<String> labelLines() {
            return lines(attrs.getOrDefault("label", id));
        }
    }

    /**
     * An edge from {@code from} to {@code to}.
     *
     * @param from  the tail node's id
     * @param to    the head node's id
     * @param attrs its attributes, e.g. {@code label}, {@code style}, {@code color}
     */
    public record Edge(String from, String to, Map<String, String> attrs) {
        /** @return the label's lines, empty when it has none */
        public List<String> labelLines() {
            String label = attrs.get("label");
            return label == null || label.isEmpty() ? List.of() : lines(label);
        }
    }

    /**
     * Reads DOT text.
     *
     * @param dot the text of a {@code graph} or {@code digraph}
     * @return the graph it describes
     * @throws IllegalArgumentException naming the position when the text is not DOT
     */
    public static DotGraph parse(String dot) {
        return new Parser(dot).graph();
    }

    /** A DOT label's lines: its escapes {@code \n \l \r} end lines, {@code \"} and {@code \\} stand for themselves. */
    static List<String> lines(String label) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '\\' && i + 1 < label.length()) {
                char next = label.charAt(++i);
                if (next == 'n' || next == 'l' || next == 'r') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append(next);
                }
            } else {
                line.append(c);
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A recursive-descent reader of DOT's grammar, keeping what a picture needs. */
    private static final class Parser {
        private final String text;
        private int pos;
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, String> graphAttrs = new LinkedHashMap<>();

        Parser(String text) {
            this.text = text;
        }

        DotGraph graph() {
            String kind = word();
            if ("strict".equalsIgnoreCase(kind)) {
                kind = word();
            }
            if (!"digraph".equalsIgnoreCase(kind) && !"graph".equalsIgnoreCase(kind)) {
                throw error("expected 'digraph' or 'graph'");
            }
            if (!peek("{")) {
                id();
            }
            block(new LinkedHashMap<>(), new LinkedHashMap<>());
            return new DotGraph(nodes, edges, graphAttrs);
        }

        /** Statements between braces; node and edge defaults are scoped to the block, as in DOT. */
        private void block(Map<String, String> nodeDefaults, Map<String, String> edgeDefaults) {
            expect("{");
            Map<String, String> nodeDef = new LinkedHashMap<>(nodeDefaults);
            Map<String, String> edgeDef = new LinkedHashMap<>(edgeDefaults);
            while (!peek("}")) {
                statement(nodeDef, edgeDef);
                accept(";");
                accept(",");
            }
            expect("}");
        }

        private void statement(Map<String, String> nodeDef, Map<String, String> edgeDef) {
            if (peek("{") || peekWord("subgraph")) {
                subgraph(nodeDef, edgeDef);
                return;
            }
            String first = id();
            if (first.equalsIgnoreCase("node") || first.equalsIgnoreCase("edge") || first.equalsIgnoreCase("graph")) {
                if (peek("[")) {
                    Map<String, String> attrs = attributes();
                    (first.equalsIgnoreCase("node") ? nodeDef : first.equalsIgnoreCase("edge") ? edgeDef : graphAttrs).putAll(attrs);
                    return;
                }
            }
            if (accept("=")) {
                graphAttrs.put(first, id());
                return;
            }
            skipPort();
            List<String> chain = new ArrayList<>(List.of(first));
            while (accept("->") || accept("--")) {
                chain.add(id());
                skipPort();
            }
            Map<String, String> attrs = peek("[") ? attributes() : Map.of();
            if (chain.size() == 1) {
                Node node = nodes.computeIfAbsent(first, k -> new Node(k, new LinkedHashMap<>(nodeDef)));
                node.attrs().putAll(attrs);
                return;
            }
            for (String id : chain) {
                nodes.computeIfAbsent(id, k -> new Node(k, new LinkedHashMap<>(nodeDef)));
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                Map<String, String> edgeAttrs = new LinkedHashMap<>(edgeDef);
                edgeAttrs.putAll(attrs);
                edges.add(new Edge(chain.get(i), chain.get(i + 1), edgeAttrs));
            }
        }

        private void subgraph(Map<String, String> nodeDef, Map<String, String> edgeDef) {
            if (peekWord("subgraph")) {
                word();
                if (!peek("{")) {
                    id();
                }
            }
            block(nodeDef, edgeDef);
        }

        /** One or more {@code [a=b, c=d]} lists. */
        private Map<String, String> attributes() {
            Map<String, String> attrs = new LinkedHashMap<>();
            while (accept("[")) {
                while (!accept("]")) {
                    String key = id();
                    attrs.put(key, accept("=") ? id() : "true");
                    if (!accept(",")) {
                        accept(";");
                    }
                }
            }
            return attrs;
        }

        private void skipPort() {
            while (accept(":")) {
                id();
            }
        }

        /** An identifier, number, quoted string (escapes kept for {@link #lines}) or HTML-like label (tags dropped). */
        private String id() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end of the text");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                StringBuilder s = new StringBuilder();
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char ch = text.charAt(pos++);
                    if (ch == '\\' && pos < text.length()) {
                        char next = text.charAt(pos++);
                        if (next == '\n') {
                            continue; // a line continuation
                        }
                        s.append(next == '"' ? "\"" : "\\" + next);
                    } else {
                        s.append(ch);
                    }
                }
                expect("\"");
                while (accept("+")) {
                    s.append(id()); // "a" + "b" concatenates
                }
                return s.toString();
            }
            if (c == '<') {
                int depth = 0, start = pos;
                do {
                    char ch = text.charAt(pos++);
                    depth += ch == '<' ? 1 : ch == '>' ? -1 : 0;
                } while (depth > 0 && pos < text.length());
                String html = text.substring(start + 1, pos - 1);
                return html.replaceAll("(?i)<br\\s*/?>", "\\\\n").replaceAll("<[^>]*>", "")
                        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\\\"").replace("&amp;", "&");
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_.-".indexOf(text.charAt(pos)) >= 0)
                    && !text.startsWith("->", pos) && !text.startsWith("--", pos)) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name or a quoted string");
            }
            return text.substring(start, pos);
        }

        private String word() {
            return id();
        }

        private boolean peekWord(String w) {
            skipSpace();
            return text.regionMatches(true, pos, w, 0, w.length())
                    && (pos + w.length() >= text.length() || !Character.isLetterOrDigit(text.charAt(pos + w.length())));
        }

        private boolean peek(String token) {
            skipSpace();
            return text.startsWith(token, pos);
        }

        private boolean accept(String token) {
            if (peek(token)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw error("expected '" + token + "'");
            }
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (text.startsWith("//", pos) || (c == '#' && (pos == 0 || text.charAt(pos - 1) == '\n'))) {
                    int end = text.indexOf('\n', pos);
                    pos = end < 0 ? text.length() : end + 1;
                } else if (text.startsWith("/*", pos)) {
                    int end = text.indexOf("*/", pos + 2);
                    pos = end < 0 ? text.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        private IllegalArgumentException error(String what) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, text.length()); i++) {
                line += text.charAt(i) == '\n' ? 1 : 0;
            }
            return new IllegalArgumentException("DotGraph.parse: " + what + " at line " + line + " (offset " + pos + ")");
        }
    }
}
