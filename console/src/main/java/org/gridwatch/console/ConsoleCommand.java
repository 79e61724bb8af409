package org.gridwatch.console;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridwatch console}: runs the console on its own against an Elasticsearch (and Kafka for push). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serve the GridWatch monitoring console (live map, alert feed, heatmaps, alert push).")
public final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--es", description = "Elasticsearch URL (repeatable), default ${DEFAULT-VALUE}", defaultValue = "http://localhost:9200")
    List<String> es;

    @Option(names = "--kafka", description = "Kafka bootstrap host:port for alert push; none = no push")
    String kafka;

    @Option(names = "--city", description = "city directory (grids.geojson is the map's base layer), default ${DEFAULT-VALUE}", defaultValue = ".gridwatch/city")
    Path city;

    @Option(names = "--bind", description = "address to listen on, default ${DEFAULT-VALUE}; any non-loopback address requires "
            + ConsoleConfig.TOKEN_ENV, defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--port", description = "HTTP port, default ${DEFAULT-VALUE}", defaultValue = "8080")
    int port;

    @Option(names = "--tile-url", description = "optional map tile URL template, e.g. https://tiles.example/{z}/{x}/{y}.png")
    String tileUrl;

    @Option(names = "--group", description = "Kafka consumer group for push, default ${DEFAULT-VALUE}", defaultValue = "gridwatch-console-push")
    String group;

    @Option(names = "--state-dir", description = "where webhook subscriptions are kept, default ${DEFAULT-VALUE}", defaultValue = ".gridwatch/console")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        ConsoleConfig cfg = new ConsoleConfig(bind, port, es, kafka, city, System.getenv(ConsoleConfig.TOKEN_ENV), tileUrl, group, stateDir);
        CountDownLatch stop = new CountDownLatch(1);
        try (ConsoleServer server = new ConsoleServer(cfg).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.println("GridWatch console: " + server.url());
            stop.await();
        }
        return 0;
    }
}
