package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.GatewayMetricsEndpoint;
import org.gridwatch.gateway.server.Jt808Gateway;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./gridwatch gateway}: the JT/T 808 server that muck-truck terminals connect to, publishing
 * their positions to {@code gridwatch.gps} (see gateway/README.md for what it speaks).
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the JT/T 808 (2013 and 2019) gateway for truck terminals: TCP on --port, positions to gridwatch.gps,",
            "what it cannot use to the dead-letter topic with the frame in hex. Terminal phone numbers map to the",
            "trucks of --city and of gridwatch.reference, followed while it runs (their terminalPhone, else their id);",
            "without --city the city comes from gridwatch.reference alone. Until Ctrl-C."
        })
public final class GatewayCommand implements Callable<Integer> {
    static final String SECRET_ENV = "GRIDWATCH_JT808_SECRET";

    @Option(
            names = "--kafka",
            defaultValue = "localhost:9092",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Mixin KafkaClientOption kafkaClient = new KafkaClientOption();

    @Option(
            names = "--city",
            description =
                    "The city directory whose trucks the terminals belong to (default: the city published to gridwatch.reference).")
    Path cityDir;

    @Option(
            names = "--port",
            defaultValue = "6808",
            description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--metrics-port",
            defaultValue = "9252",
            description =
                    "Port of GET /metrics for Prometheus, the gridwatch_jt808_* counters; 0 for none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--zone",
            description =
                    "Time zone of the terminals' clocks (default: the city's; the standard says UTC+8).")
    ZoneId zone;

    @Option(
            names = "--accept-any-auth-code",
            description =
                    "Accept any authentication code (terminals registered by another platform).")
    boolean acceptAnyAuthCode;

    @Option(
            names = "--status-seconds",
            defaultValue = "30",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusSeconds;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        City city = cityDir == null ? null : CityFiles.read(cityDir);
        KafkaClientProperties client = kafkaClient.properties();
        if (client.file() != null) {
            out.println("Kafka client properties: " + client.describe());
        }
        EmbeddedKafka.ensureTopics(kafka, client);
        try (GatewayTrucks trucks = GatewayTrucks.start(city, kafka, client)) {
            GatewayConfig config =
                    GatewayConfig.defaults()
                            .withPort(port)
                            .withZone(zone != null ? zone : trucks.zone())
                            .withAcceptAnyAuthCode(acceptAnyAuthCode);
            String secret = System.getenv(SECRET_ENV);
            if (secret != null && !secret.isBlank()) {
                config = config.withAuthSecret(secret);
            } else {
                out.println(
                        "Warning: "
                                + SECRET_ENV
                                + " is not set: authentication codes are keyed with the built-in secret, "
                                + "which anyone with the source can reproduce. Set it before terminals register.");
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(stop::countDown, "gridwatch-gateway-stop"));
            try (Jt808Gateway gateway =
                            Jt808Gateway.start(config, trucks.directory(), kafka, client);
                    GatewayMetricsEndpoint metrics =
                            metricsPort == 0
                                    ? null
                                    : GatewayMetricsEndpoint.start(
                                            config.bindHost(), metricsPort, gateway.metrics())) {
                if (metrics != null) {
                    out.printf(
                            "Metrics for Prometheus on http://%s:%d/metrics%n",
                            config.bindHost(), metrics.port());
                }
                out.printf(
                        "JT/T 808 gateway on port %d for %d trucks (%s%d from %s, followed), publishing to %s on %s (terminal clocks in %s). "
                                + "Ctrl-C stops.%n",
                        gateway.port(),
                        trucks.directory().size(),
                        city == null
                                ? ""
                                : city.trucks().size() + " of " + cityDir.toAbsolutePath() + ", ",
                        trucks.fromTopic(),
                        Topics.REFERENCE,
                        config.gpsTopic(),
                        kafka,
                        config.zone());
                while (!stop.await(Math.max(1, statusSeconds), TimeUnit.SECONDS)) {
                    out.println(
                            statusLine(gateway.metrics())
                                    + " | trucks "
                                    + trucks.directory().size());
                }
            }
        }
        return 0;
    }

    static String statusLine(GatewayMetrics m) {
        return String.format(
                "[%s] connections %d | frames %,d | positions %,d | published %,d (failed %,d) | rejected %s",
                Instant.now().toString().substring(11, 19),
                m.connections(),
                m.frames(),
                m.positions(),
                m.publishedCount(),
                m.publishFailedCount(),
                m.rejectedByReason());
    }
}
