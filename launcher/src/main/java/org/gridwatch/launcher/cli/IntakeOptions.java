package org.gridwatch.launcher.cli;

import picocli.CommandLine.Option;

/** The HTTP intake beside the local stack in {@code demo} and {@code run}. */
public final class IntakeOptions {
    @Option(
            names = "--intake-port",
            defaultValue = "8311",
            description =
                    "HTTP port of the intake (Open311 and /ingest), on loopback; 0 starts none (default: ${DEFAULT-VALUE}).")
    int intakePort;

    void validate() {
        if (intakePort < 0 || intakePort > 65535) {
            throw new IllegalArgumentException(
                    "--intake-port " + intakePort + " is not between 0 (none) and 65535");
        }
    }
}
