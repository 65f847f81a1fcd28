package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code autodiff gradients --trace}: the printed adjoint and tangent traces of w = a·b + c,
 * φ = w·c, L = φ², read back from the text and checked against central differences.
 */
class GradientsTraceTest {
    private static final double H = 1e-5;

    /** A row of a printed table, cells by column; blank node cells continue the row above. */
    private record Row(String node, String op, String adjoint, String input, String local, String contribution) {
    }

    /** The rows of the first table in {@code text} whose header starts with "step". */
    private static List<Row> table(List<String> lines, int header) {
        String h = lines.get(header);
        String[] names = {"step", "node", "op", "value", h.contains("adjoint") ? "adjoint" : "tangent", "input", "operand",
            "local derivative", "contribution"};
        int[] start = new int[names.length];
        for (int c = 0; c < names.length; c++) {
            start[c] = h.indexOf(names[c], c == 0 ? 0 : start[c - 1] + 1);
        }
        List<Row> rows = new ArrayList<>();
        String node = null, op = null, adjoint = null;
        for (int i = header + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String l = lines.get(i);
            String[] cell = new String[names.length];
            for (int c = 0; c < names.length; c++) {
                int from = Math.min(start[c], l.length());
                int to = c + 1 < names.length ? Math.min(start[c + 1], l.length()) : l.length();
                cell[c] = l.substring(from, to).strip();
            }
            if (!cell[0].isEmpty()) {
                node = cell[1];
                op = cell[2];
                adjoint = cell[4];
            }
            rows.add(new Row(node, op, adjoint, cell[5], cell[7], cell[8]));
        }
        return rows;
    }

    /** L at (a, b, c) with {@code d} added to the intermediate {@code at} ("ab", "w" or "φ"). */
    private static double loss(double a, double b, double c, String at, double d) {
        double ab = a * b + (at.equals("ab") ? d : 0);
        double w = ab + c + (at.equals("w") ? d : 0);
        double phi = w * c + (at.equals("φ") ? d : 0);
        return phi * phi;
    }

    private static double central(DoubleUnaryOperator f) {
        return (f.applyAsDouble(H) - f.applyAsDouble(-H)) / (2 * H);
    }

    private static double first(String cell) {
        return Double.parseDouble(cell.split(" ")[0]);
    }

    @Test
    void everyPrintedDerivativeEqualsItsCentralDifferenceAndCIsTheSumOfItsTwoPaths() {
        checkAt(2, 3, -1);
        checkAt(0.5, -1.25, 2);
    }

    private void checkAt(double a, double b, double c) {
        CliRun r = CliRun.of("gradients", "--trace", "--at", a + "," + b + "," + c);
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("step")).findFirst().orElseThrow());
        List<Row> rows = table(lines, header);
        Map<String, String> adjoints = new HashMap<>();
        for (Row row : rows) {
            adjoints.put(row.node(), row.adjoint());
        }
        String ab = rows.stream().filter(row -> row.op().equals("mul") && !row.node().equals("φ")).findFirst().orElseThrow().node();
        Map<String, DoubleUnaryOperator> perturbed = Map.of(
                "a", h -> loss(a + h, b, c, "", 0), "b", h -> loss(a, b + h, c, "", 0), "c", h -> loss(a, b, c + h, "", 0),
                ab, h -> loss(a, b, c, "ab", h), "w", h -> loss(a, b, c, "w", h), "φ", h -> loss(a, b, c, "φ", h),
                "L", h -> loss(a, b, c, "", 0) + h);
        assertEquals(perturbed.keySet(), adjoints.keySet(), r.out());
        for (var e : perturbed.entrySet()) {
            double expected = central(e.getValue());
            assertEquals(expected, first(adjoints.get(e.getKey())), 1e-5 * Math.max(1, Math.abs(expected)),
                    "adjoint of " + e.getKey() + " in\n" + r.out());
        }

        // c is reached by two paths: its adjoint is printed as the sum of their terms.
        Matcher m = Pattern.compile("(\\S+) = (\\S+) \\(via (\\S+)\\) \\+ (\\S+) \\(via (\\S+)\\)").matcher(adjoints.get("c"));
        assertTrue(m.matches(), adjoints.get("c"));
        assertEquals(List.of("w", "φ"), java.util.stream.Stream.of(m.group(3), m.group(5)).sorted().toList());
        double sum = Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(4));
        assertEquals(Double.parseDouble(m.group(1)), sum, 1e-5 * Math.max(1, Math.abs(sum)));
        // Each term is its path's derivative: c's direct use in φ = w·c with w held, and its use in w with φ's c held.
        double w = a * b + c;
        double viaPhi = central(h -> Math.pow(w * (c + h), 2));
        double viaW = central(h -> Math.pow((w + h) * c, 2));
        double termPhi = Double.parseDouble(m.group(3).equals("φ") ? m.group(2) : m.group(4));
        double termW = Double.parseDouble(m.group(3).equals("w") ? m.group(2) : m.group(4));
        assertEquals(viaPhi, termPhi, 1e-5 * Math.max(1, Math.abs(viaPhi)));
        assertEquals(viaW, termW, 1e-5 * Math.max(1, Math.abs(viaW)));

        // Every local derivative printed on an edge equals the central difference of its op alone.
        Map<String, DoubleUnaryOperator> local = Map.of(
                "L/φ", h -> Math.pow(w * c + h, 2), "φ/w", h -> (w + h) * c, "φ/c", h -> w * (c + h),
                "w/" + ab, h -> a * b + h + c, "w/c", h -> a * b + c + h, ab + "/a", h -> (a + h) * b, ab + "/b", h -> a * (b + h));
        int edges = 0;
        for (Row row : rows) {
            if (row.input().isEmpty()) {
                continue;
            }
            String key = row.node() + "/" + row.input();
            assertTrue(row.local().startsWith("∂" + row.node() + "/∂" + row.input() + " = "), row.local());
            double printed = Double.parseDouble(row.local().substring(row.local().indexOf(" = ") + 3));
            double expected = central(local.get(key));
            assertEquals(expected, printed, 1e-5 * Math.max(1, Math.abs(expected)), key);
            double contribution = Double.parseDouble(row.contribution());
            double product = first(row.adjoint()) * printed;
            assertEquals(product, contribution, 1e-5 * Math.max(1, Math.abs(product)), "contribution on " + key);
            edges++;
        }
        assertEquals(local.size(), edges, r.out());

        // The forward trace along (1, 0, 0) ends in L̇ = ∂L/∂a.
        int forwardHeader = lines.subList(header + 1, lines.size()).indexOf(lines.stream().skip(header + 1)
                .filter(l -> l.startsWith("step")).findFirst().orElseThrow()) + header + 1;
        List<Row> forward = table(lines, forwardHeader);
        Row last = forward.get(forward.size() - 1);
        assertEquals("L", last.node());
        assertEquals(central(h -> loss(a + h, b, c, "", 0)), first(last.adjoint()), 1e-5 * Math.max(1, Math.abs(first(last.adjoint()))));
        assertTrue(lines.get(forwardHeader - 1).contains("seed direction a\u0307 = 1, b\u0307 = 0, c\u0307 = 0"), r.out());
    }

    @Test
    void markdownAndCsvFormatsAndBadPointsAreRefused() {
        CliRun md = CliRun.of("gradients", "--trace", "--format", "markdown");
        assertEquals(0, md.code(), md.err());
        assertTrue(md.out().contains("| step | node | op | value | adjoint |"), md.out());
        CliRun csv = CliRun.of("gradients", "--trace", "--format", "csv", "--direction", "0,0,1");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().startsWith("step,node,op,value,adjoint,"), csv.out());
        assertTrue(csv.out().contains("step,node,op,value,tangent,"), csv.out());
        // Along ċ = 1 the last tangent is ∂L/∂c = -40 at (2, 3, -1).
        List<String> lines = csv.out().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("7,L,pow,25\\.0,-40\\.0,φ,self,-10\\.0,-40\\.0"), csv.out());

        CliRun bad = CliRun.of("gradients", "--trace", "--at", "1,2");
        assertEquals(AutodiffCli.USAGE_ERROR, bad.code());
        assertTrue(bad.err().startsWith("error: --at and --direction take three numbers each"), bad.err());
    }
}
