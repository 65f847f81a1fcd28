package org.autodiff.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code autodiff} command line. Errors a user can make end in one line on standard error
 * and a non-zero exit code (2 for a bad command line, 1 for a failure while running), never a
 * stack trace.
 */
@Command(name = "autodiff", mixinStandardHelpOptions = true, version = "autodiff 0.1.0",
        description = "Train and inspect neural networks with the autodiff engine.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SampleCommand.class, GradientsCommand.class, LandscapeCommand.class,
                GraphCommand.class})
public final class AutodiffCli implements Callable<Integer> {
    /** The exit code of a bad command line. */
    static final int USAGE_ERROR = 2;
    /** The exit code of a failure while running. */
    static final int RUN_ERROR = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // The library warns through System.Logger (java.util.logging here), whose default format
        // spends two lines on each record; a command line shows a warning as one line.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return execute(new CommandLine(new AutodiffCli()), args);
    }

    /** Runs {@code cli} (the {@code autodiff} command, or one with extra commands in tests) with the error reporting above. */
    static int execute(CommandLine cli, String... args) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + parameterMessage(e) + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return USAGE_ERROR;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("error: " + message(e));
            return RUN_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above. The model and data that filled the
            // heap are unreachable once the error has unwound the command, so printing is safe.
            ParseResult parsed = cli.getParseResult();
            String command = parsed != null && parsed.subcommand() != null
                    ? "'" + parsed.subcommand().commandSpec().qualifiedName() + "'" : "the command";
            cli.getErr().println("error: out of memory while running " + command
                    + "; try smaller sizes (--hidden, --batch-size, --width, ...) or give Java more memory (java -Xmx4g ...)");
            cli.getErr().flush();
            return RUN_ERROR;
        }
    }

    /** With no command: the usage on standard error, and the code of a bad command line. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: no command given");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_ERROR;
    }

    /** picocli's message, except that a word where a command belongs is called an unknown command. */
    private static String parameterMessage(CommandLine.ParameterException e) {
        CommandLine c = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException u && !c.getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", List.copyOf(c.getSubcommands().keySet()));
        }
        return e.getMessage();
    }

    /**
     * The one line a failure is reported with. A file system error's own message is often the
     * bare path, so it is completed with what went wrong.
     */
    static String message(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String what = e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : e.getClass().getSimpleName();
            return f.getMessage() + ": " + what;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
