package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The check every command runs on the file it will write, before it trains or draws anything, so
 * that an unwritable output fails in a second with the user's own option and path instead of after
 * minutes of work, or with the name of an internal temporary file.
 */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Refuses an output {@code path} given as {@code option}: a folder; a path below a regular file;
     * a read-only file (which would otherwise be replaced silently); or a nearest existing folder
     * that cannot be written. Missing folders are fine: commands create them when they write.
     *
     * @param cli the command line, for the usage error
     * @param option the option's name, e.g. {@code "--out"}
     * @param path the output path
     * @param example a file name to suggest inside a folder given by mistake
     * @throws ParameterException naming the option, the path and the reason
     */
    static void check(CommandLine cli, String option, Path path, String example) {
        if (Files.isDirectory(path)) {
            throw new ParameterException(cli, option + " " + path + " is a folder; give a file name, e.g. " + option + " "
                    + path.resolve(example));
        }
        Path parent = path.toAbsolutePath().getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new ParameterException(cli, option + " " + path + ": cannot create folder " + parent + " because " + existing
                    + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new ParameterException(cli, option + " " + path + ": folder " + existing + " is not writable");
        }
        if (Files.isRegularFile(path) && readOnly(path)) {
            throw new ParameterException(cli, option + " " + path + " is read-only; make it writable or choose another file");
        }
    }

    /** Not writable, or without its owner's write bit (which root would otherwise ignore). */
    private static boolean readOnly(Path file) {
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            return !Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return false;
        }
    }
}
