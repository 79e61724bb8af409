package org.gridwatch.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;

/** Start-up steps the demo shares with other commands. */
final class DemoSupport {
    private DemoSupport() {}

    static void installIndexTemplates(String esUrl) {
        EsIndexTemplates.install(new EsConnection(List.of(esUrl)));
    }

    static AutoCloseable startSimulation(String kafkaBootstrap, Path workDir, long seed, double speed, PrintStream out) {
        out.println("Simulator: not wired yet");
        return () -> {};
    }
}
