package org.gridwatch.console;

import org.gridwatch.common.kafka.KafkaClientProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * {@code gridwatch console}: runs the console on its own against an Elasticsearch (and Kafka for
 * push).
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description =
                "Serve the GridWatch monitoring console (live map, alert feed, heatmaps, alert push).")
public final class ConsoleCommand implements Callable<Integer> {
    /**
     * Exit code when the console refuses to start (weak token, unsafe bind, bad option value, port
     * taken).
     */
    public static final int REFUSED = 2;

    @Option(
            names = "--es",
            description = "Elasticsearch URL (repeatable), default ${DEFAULT-VALUE}",
            defaultValue = "http://localhost:9200")
    List<String> es;

    @Option(
            names = "--kafka",
            description = "Kafka bootstrap host:port for alert push; none = no push")
    String kafka;

    @Option(
            names = "--city",
            description =
                    "city directory (grids.geojson is the map's base layer), default ${DEFAULT-VALUE}",
            defaultValue = ".gridwatch/city")
    Path city;

    @Option(
            names = "--bind",
            description =
                    "address to listen on, default ${DEFAULT-VALUE}; any non-loopback address requires "
                            + ConsoleConfig.TOKEN_ENV,
            defaultValue = "127.0.0.1")
    String bind;

    @Option(
            names = "--port",
            description = "HTTP port, default ${DEFAULT-VALUE}",
            defaultValue = "8080")
    int port;

    @Option(
            names = "--tile-url",
            description =
                    "optional map tile URL template, e.g. https://tiles.example/{z}/{x}/{y}.png")
    String tileUrl;

    @Option(
            names = "--group",
            description = "Kafka consumer group for push, default ${DEFAULT-VALUE}",
            defaultValue = "gridwatch-console-push")
    String group;

    @Option(
            names = "--state-dir",
            description = "where webhook subscriptions are kept, default ${DEFAULT-VALUE}",
            defaultValue = ".gridwatch/console")
    Path stateDir;

    @Option(
            names = "--webhook-allow",
            paramLabel = "HOST|CIDR",
            description =
                    "a webhook target the console may POST to (repeatable):"
                            + " a host name, *.suffix, IP address or CIDR block; loopback, private and link-local targets need their address or CIDR."
                            + " Also "
                            + ConsoleConfig.WEBHOOK_ALLOW_ENV
                            + " (comma separated). None = webhooks refused")
    List<String> webhookAllow = new ArrayList<>();

    @Option(
            names = "--max-webhooks",
            description = "most webhook subscriptions kept, default ${DEFAULT-VALUE}",
            defaultValue = "" + ConsoleConfig.DEFAULT_MAX_WEBHOOKS)
    int maxWebhooks;

    @Option(
            names = "--origin",
            paramLabel = "URL",
            description =
                    "a further origin the console is reached at, e.g. https://console.example"
                            + " behind a TLS reverse proxy (repeatable); state-changing requests from it are accepted")
    List<String> origins = new ArrayList<>();

    @Option(
            names = KafkaClientProperties.FLAG,
            paramLabel = "FILE",
            description =
                    "Kafka client properties for the push consumer"
                            + " (security.protocol=SSL, ssl.truststore.*, SASL ...); also "
                            + KafkaClientProperties.ENV
                            + ". None = Kafka's defaults (PLAINTEXT)")
    String kafkaProperties;

    @Spec CommandSpec spec;

    /** Where environment variables come from (tests replace it). */
    UnaryOperator<String> env = System::getenv;

    /**
     * The console's settings from the options and the environment; fails on a value it cannot use.
     */
    ConsoleConfig config() {
        List<String> allow = new ArrayList<>(webhookAllow);
        String fromEnv = env.apply(ConsoleConfig.WEBHOOK_ALLOW_ENV);
        if (fromEnv != null) {
            for (String e : fromEnv.split(",")) {
                if (!e.isBlank()) {
                    allow.add(e.trim());
                }
            }
        }
        return new ConsoleConfig(
                bind,
                port,
                es,
                kafka,
                city,
                env.apply(ConsoleConfig.TOKEN_ENV),
                tileUrl,
                group,
                stateDir,
                allow,
                maxWebhooks,
                origins,
                KafkaClientProperties.fromFlagOrEnv(kafkaProperties, env));
    }

    @Override
    public Integer call() throws Exception {
        ConsoleServer server;
        try {
            ConsoleConfig cfg = config();
            server = new ConsoleServer(cfg).start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // one line, no stack trace: these are the operator's settings, not a bug
            return refuse(e.getMessage());
        } catch (BindException e) {
            return refuse("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        } catch (IOException e) {
            return refuse("cannot start: " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (server) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.println("GridWatch console: " + server.url());
            stop.await();
        }
        return 0;
    }

    private int refuse(String message) {
        spec.commandLine().getErr().println("gridwatch console: " + message);
        return REFUSED;
    }
}
