package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.gateway.intake.IntakeConfig;
import org.gridwatch.gateway.intake.IntakeServer;
import org.gridwatch.gateway.intake.Secrets;
import org.gridwatch.stack.Ports;

import java.io.PrintStream;
import java.util.List;

/**
 * The HTTP intake beside the local stack in {@code demo} and {@code run}, on loopback, stopped with
 * the stack. Keys missing from the environment are generated for the run and printed, so the local
 * intake is usable at once and never open without a key.
 */
final class LocalIntake {
    /**
     * The running intake and the secrets generated for it (null when they came from the
     * environment).
     */
    record Started(IntakeServer server, String generatedKey, String generatedToken) {
        /** The lines the demo and run banners print about the intake. */
        void describe(PrintStream out) {
            out.println(
                    "  HTTP intake      http://localhost:"
                            + server.port()
                            + "/open311/v2/services.json   (Open311; /ingest/hotline, /ingest/iot)");
            if (generatedKey != null) {
                out.println(
                        "                   Open311 api_key for this run: "
                                + generatedKey
                                + "   (set "
                                + IntakeConfig.OPEN311_KEYS_ENV
                                + " to choose)");
            }
            if (generatedToken != null) {
                out.println(
                        "                   ingest bearer token for this run: "
                                + generatedToken
                                + "   (set "
                                + IntakeConfig.INGEST_TOKEN_ENV
                                + " to choose)");
            }
        }
    }

    private LocalIntake() {}

    /** Null when --intake-port is 0. */
    static Started start(IntakeOptions o, City city, LocalStack stack) {
        o.validate();
        if (o.intakePort == 0) {
            return null;
        }
        Ports.requireFree(o.intakePort, "The HTTP intake", "--intake-port (0 for none)");
        IntakeConfig config =
                IntakeConfig.defaults()
                        .withPort(o.intakePort)
                        .withZone(city.zone())
                        .withEsUrl(stack.esUrl())
                        .withSecretsFromEnvironment();
        String key = null;
        String token = null;
        if (config.open311Keys().isEmpty()) {
            key = Secrets.generate();
            config = config.withOpen311Keys(List.of(key));
        }
        if (config.ingestToken() == null) {
            token = Secrets.generate();
            config = config.withIngestToken(token);
        }
        IntakeServer server =
                IntakeServer.start(config, stack.kafkaBootstrap(), stack.kafkaClient());
        stack.stopOnClose(server);
        return new Started(server, key, token);
    }
}
