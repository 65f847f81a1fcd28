package org.autodiff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code autodiff} command line. Errors a user can make end in one line on standard error
 * and a non-zero exit code (2 for a bad command line, 1 for a failure while running), never a
 * stack trace.
 */
@Command(name = "autodiff", mixinStandardHelpOptions = true, version = "autodiff 0.1.0",
        description = "Train and inspect neural networks with the autodiff engine.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, GradientsCommand.class, LandscapeCommand.class,
                GraphCommand.class})
public final class AutodiffCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new AutodiffCli());
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
