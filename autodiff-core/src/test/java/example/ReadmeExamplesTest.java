package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.AnomalyException;
import org.autodiff.core.Autograd;
import org.autodiff.core.Tensor;
import org.autodiff.core.autograd.AdjointTrace;
import org.autodiff.core.autograd.TangentTrace;
import org.junit.jupiter.api.Test;

/**
 * The README's examples of the adjoint trace and of anomaly mode, run as a user runs them (from
 * outside org.autodiff). The code between each pair of "README" markers must be the README's
 * code block line for line, and what it prints the README's output block.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of("../README.md");
    /** This file, found from core's folder and from autodiff-native's, which reruns core's tests. */
    private static final Path SELF = Path.of("../autodiff-core/src/test/java/example/ReadmeExamplesTest.java");

    @Test
    void adjointTraceExamplePrintsWhatTheReadmeShows() throws IOException {
        String printed = captured(() -> {
            // README trace begin
            Tensor a = Tensor.scalar(2.0).requiresGrad(true).name("a");
            Tensor b = Tensor.scalar(3.0).requiresGrad(true).name("b");
            Tensor c = Tensor.scalar(-1.0).requiresGrad(true).name("c");
            Tensor w = a.mul(b).add(c).name("w");
            Tensor phi = w.mul(c).name("φ");
            Tensor loss = phi.pow(2).name("L");
            AdjointTrace trace = Autograd.trace(loss);  // one backward pass, recorded; a.grad() stays null
            System.out.print(trace.toText());           // also toMarkdown() and toCsv()

            TangentTrace tangents = Autograd.traceForward(
                    in -> in[0].mul(in[1]).add(in[2]).name("w").mul(in[2]).name("φ").pow(2).name("L"),
                    new Tensor[] {a, b, c}, new Tensor[] {Tensor.scalar(1.0), Tensor.scalar(0.0), Tensor.scalar(0.0)});
            tangents.step("L").tangent();               // L̇ = 30 = ∂L/∂a, by forward mode along (ȧ, ḃ, ċ) = (1, 0, 0)
            // README trace end
            assertEquals(30.0, tangents.step("L").tangent().item());
            assertEquals(trace.step("a").adjoint().item(), tangents.step("L").tangent().item());
        });
        assertReadmeHasCode("trace");
        assertEquals(readmeOutputAfter("trace"), printed);
    }

    @Test
    void anomalyModeExamplePrintsWhatTheReadmeShows() throws IOException {
        String printed = captured(() -> {
            // README anomaly begin
            Tensor x = Tensor.of(new double[] {1, 4, 0}).requiresGrad(true).name("x");
            try (var scope = Autograd.detectAnomaly()) {
                x.sqrt().sum().backward();              // √x is finite at 0, its gradient 1/(2√x) is not
            } catch (AnomalyException e) {
                System.out.println(e.getMessage());
            }
            // README anomaly end
        });
        assertReadmeHasCode("anomaly");
        assertTrue(printed.contains("created at example.ReadmeExamplesTest.lambda$"), printed);
        // The README's run was a user's Example.main: the creation site is the one part that differs.
        String site = "created at \\S+\\)";
        assertEquals(readmeOutputAfter("anomaly").replaceAll(site, "created at SITE"), printed.replaceAll(site, "created at SITE"));
    }

    private static String captured(Runnable example) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The lines between this file's markers, dedented. */
    private static List<String> marked(String name) throws IOException {
        List<String> lines = Files.readAllLines(SELF);
        int begin = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// README " + name + " begin")).findFirst()
                .orElseThrow());
        int end = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// README " + name + " end")).findFirst()
                .orElseThrow());
        int indent = lines.get(begin).indexOf('/');
        List<String> code = new ArrayList<>();
        for (String l : lines.subList(begin + 1, end)) {
            code.add(l.length() >= indent ? l.substring(indent) : l.strip());
        }
        return code;
    }

    /** Asserts that the README holds the marked code as one contiguous block. */
    private static void assertReadmeHasCode(String name) throws IOException {
        String code = String.join("\n", marked(name)) + "\n";
        assertTrue(Files.readString(README).replace("\r\n", "\n").contains(code),
                "README.md must hold the '" + name + "' example exactly as ReadmeExamplesTest runs it:\n" + code);
    }

    /** The README's first ```text block after the marked code: what the example prints. */
    private static String readmeOutputAfter(String name) throws IOException {
        String readme = Files.readString(README).replace("\r\n", "\n");
        int at = readme.indexOf(String.join("\n", marked(name)));
        int start = readme.indexOf("```text\n", at) + "```text\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }
}
