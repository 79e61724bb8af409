package org.gridwatch.launcher.testing;

import org.gridwatch.stack.EmbeddedElasticsearch;
import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.Ports;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** Real servers for tests, on ports reserved together so that no two listeners ever share one. */
public final class TestServers {
    private TestServers() {}

    /** A Kafka broker (not started) with its data under {@code parent}. */
    public static EmbeddedKafka kafka(Path parent) {
        int[] ports = Ports.reserve(2);
        return new EmbeddedKafka(parent.resolve("kafka-" + ports[0]), ports[0], ports[1]);
    }

    /**
     * An Elasticsearch node (not started) sharing the unpacked server under target/es-test, with
     * its own data directory.
     */
    public static EmbeddedElasticsearch elasticsearch(String dataName) {
        int[] ports = Ports.reserve(2);
        return new EmbeddedElasticsearch(
                Path.of("target", "es-test"),
                ports[0],
                ports[1],
                "512m",
                new PrintStream(OutputStream.nullOutputStream()),
                dataName);
    }
}
