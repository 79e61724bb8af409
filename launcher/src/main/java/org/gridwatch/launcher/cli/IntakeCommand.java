package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.gateway.intake.IntakeConfig;
import org.gridwatch.gateway.intake.IntakeServer;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./gridwatch intake}: the HTTP intake, Open311 GeoReport v2 for citizens' requests into
 * {@code gridwatch.hotline} and {@code /ingest/*} for batches of GridWatch records
 * (gateway/README.md).
 */
@Command(
        name = "intake",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the HTTP intake. Open311 GeoReport v2: services.json, POST requests.json into gridwatch.hotline, GET requests/{id}.json.",
            "POST /ingest/hotline and /ingest/iot: JSON or NDJSON batches judged by the jobs' parsers, rejected records dead-lettered.",
            "API keys from "
                    + IntakeConfig.OPEN311_KEYS_ENV
                    + " (comma separated), the ingest token from "
                    + IntakeConfig.INGEST_TOKEN_ENV
                    + ".",
            "Plain HTTP: put TLS in front. Until Ctrl-C."
        })
public final class IntakeCommand implements Callable<Integer> {
    /** Exit code when the configuration is refused. */
    static final int BAD_CONFIGURATION = 2;

    @Mixin KafkaClientOption kafkaClient = new KafkaClientOption();

    @Option(
            names = "--kafka",
            defaultValue = "localhost:9092",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Option(
            names = "--es",
            defaultValue = "http://localhost:9200",
            paramLabel = "URL",
            description =
                    "Elasticsearch with gridwatch-cases, for request status; 'none' for no status beyond what this intake accepted (default: ${DEFAULT-VALUE}).")
    String es;

    @Option(
            names = "--city",
            description =
                    "City directory whose time zone reads ingested local times (default: Asia/Shanghai).")
    Path cityDir;

    @Option(
            names = "--port",
            defaultValue = "" + IntakeConfig.DEFAULT_PORT,
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description =
                    "Address to listen on; keep loopback behind a TLS proxy on the same host (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--max-body-bytes",
            defaultValue = "" + IntakeConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Longest request body; longer is 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(
            names = "--status-seconds",
            defaultValue = "60",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusSeconds;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        IntakeConfig config;
        try {
            config =
                    IntakeConfig.defaults()
                            .withPort(port)
                            .withBindHost(bind)
                            .withMaxBodyBytes(maxBodyBytes)
                            .withEsUrl("none".equals(es) ? null : es)
                            .withSecretsFromEnvironment();
            if (cityDir != null) {
                config = config.withZone(CityFiles.read(cityDir).zone());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("intake: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
        if (config.open311Keys().isEmpty() && config.ingestToken() == null) {
            System.err.println(
                    "intake: set "
                            + IntakeConfig.OPEN311_KEYS_ENV
                            + " and/or "
                            + IntakeConfig.INGEST_TOKEN_ENV
                            + " (24+ random characters each, e.g. `openssl rand -base64 32`): without them nothing could be posted");
            return BAD_CONFIGURATION;
        }
        KafkaClientProperties client = kafkaClient.properties();
        EmbeddedKafka.ensureTopics(kafka, client);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "gridwatch-intake-stop"));
        try (IntakeServer intake = IntakeServer.start(config, kafka, client)) {
            out.printf(
                    "HTTP intake on http://%s:%d (%s), publishing to %s. Ctrl-C stops.%n",
                    bind, intake.port(), config.describe(), kafka);
            while (!stop.await(Math.max(1, statusSeconds), TimeUnit.SECONDS)) {
                out.printf(
                        "[%s] %s%n",
                        Instant.now().toString().substring(11, 19), statusLine(intake));
            }
        }
        return 0;
    }

    private static String statusLine(IntakeServer intake) {
        var m = intake.metrics();
        return String.format(
                "open311 posts %.0f ok, %.0f refused | ingest hotline %.0f, iot %.0f batches",
                m.requests("post_request", "ok"),
                m.requests("post_request", "bad_request")
                        + m.requests("post_request", "unauthorized"),
                m.requests("ingest_hotline", "ok"),
                m.requests("ingest_iot", "ok"));
    }
}
