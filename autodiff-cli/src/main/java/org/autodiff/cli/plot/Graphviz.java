package org.autodiff.cli.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Renders Graphviz DOT text (such as {@link org.autodiff.core.autograd.GraphExport#toDot}) to an
 * image with the {@code dot} program: SVG, PNG or PDF, chosen by the file's extension.
 */
public final class Graphviz {
    private Graphviz() {
    }

    /**
     * @return whether Graphviz's {@code dot} program is on the {@code PATH}
     */
    public static boolean isInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && (Files.isExecutable(Path.of(dir, "dot")) || Files.isExecutable(Path.of(dir, "dot.exe")))) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code dot} rendered to {@code file} (.svg, .png or .pdf); fails clearly when {@code dot} is not installed. */
    public static void render(String dot, Path file) throws IOException, InterruptedException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".svg") ? "svg" : name.endsWith(".png") ? "png" : name.endsWith(".pdf") ? "pdf" : null;
        if (format == null) {
            throw new IllegalArgumentException("Graphviz.render: cannot tell the image format of " + file
                    + "; use a name ending in .svg, .png or .pdf");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Process process;
        try {
            process = new ProcessBuilder("dot", "-T" + format, "-o", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Graphviz's 'dot' program is not installed or not on the PATH (on Debian or "
                    + "Ubuntu: apt-get install graphviz); write a .dot file instead and render it elsewhere");
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Graphviz 'dot' did not finish within 60 s rendering " + file);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Graphviz 'dot' failed (exit " + process.exitValue() + ") rendering " + file
                    + (messages.isEmpty() ? "" : ": " + messages));
        }
    }
}
