package org.gridwatch.launcher.cli;

import org.gridwatch.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gridwatch}: the command line of GridWatch. */
@Command(
        name = "gridwatch",
        mixinStandardHelpOptions = true,
        version = "GridWatch 0.1.0",
        description = "Real-time stream analytics and alerting for city-management enforcement.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            GatewayCommand.class,
            IntakeCommand.class,
            SimulateCommand.class,
            EvaluateCommand.class,
            ScoreCommand.class,
            ReplayCommand.class,
            BenchmarkCommand.class,
            GeometryBenchmarkCommand.class,
            CityCommand.class,
            org.gridwatch.console.ConsoleCommand.class,
            CommandLine.HelpCommand.class
        })
public final class GridWatchCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The operator's mistakes (a bad option value, a port taken) as one line and exit code 2;
     * anything else is a bug.
     */
    static final CommandLine.IExecutionExceptionHandler HANDLER =
            (e, commandLine, parseResult) -> {
                if (e instanceof StackException || e instanceof IllegalArgumentException) {
                    commandLine.getErr().println("gridwatch: " + e.getMessage());
                    return 2;
                }
                throw e;
            };

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new GridWatchCli());
        cli.setExecutionExceptionHandler(HANDLER);
        System.exit(cli.execute(args));
    }
}
