package org.gridwatch.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gridwatch city}: onboarding a real city's reference data. */
@Command(
        name = "city",
        mixinStandardHelpOptions = true,
        description =
                "Builds and validates a city directory (the reference files the jobs load with --city).",
        subcommands = {CityCheckCommand.class, CityImportCommand.class, CityPublishCommand.class})
public final class CityCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
