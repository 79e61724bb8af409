package org.gridwatch.launcher.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the local stack runs, shared by every command that starts it. */
public final class StackOptions {
    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Use this existing Kafka instead of starting one (env GRIDWATCH_KAFKA).")
    String kafka = System.getenv("GRIDWATCH_KAFKA");

    @Option(
            names = "--es",
            paramLabel = "URL",
            description =
                    "Use this existing Elasticsearch instead of starting one (env GRIDWATCH_ES; credentials from GRIDWATCH_ES_USERNAME / GRIDWATCH_ES_PASSWORD).")
    String es = System.getenv("GRIDWATCH_ES");

    @Mixin KafkaClientOption kafkaClient = new KafkaClientOption();

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description =
                    "Port of the embedded Kafka broker; its controller uses the next port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--es-port",
            defaultValue = "9200",
            description = "HTTP port of the embedded Elasticsearch (default: ${DEFAULT-VALUE}).")
    int esPort;

    @Option(
            names = "--flink-port",
            defaultValue = "8081",
            description = "Port of the Flink web UI (default: ${DEFAULT-VALUE}).")
    int flinkPort;

    @Option(
            names = "--console-port",
            defaultValue = "8080",
            description = "Port of the GridWatch console (default: ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(
            names = "--metrics-port",
            defaultValue = "9249",
            description =
                    "Port of the Prometheus metrics of the Flink jobs (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--es-heap",
            defaultValue = "512m",
            description = "Heap of the embedded Elasticsearch (default: ${DEFAULT-VALUE}).")
    String esHeap;

    @Option(
            names = "--work-dir",
            defaultValue = ".gridwatch",
            description =
                    "Where the local stack keeps its data and logs (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(
            names = "--gateway-port",
            defaultValue = "6808",
            description =
                    "TCP port of the JT/T 808 gateway for truck terminals; 0 starts none (default: ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the Flink jobs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    void validate() {
        for (int port : new int[] {kafkaPort, esPort, flinkPort, consolePort, metricsPort}) {
            if (port < 1 || port > 65534) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65534");
            }
        }
        if (gatewayPort < 0 || gatewayPort > 65535) {
            throw new IllegalArgumentException(
                    "--gateway-port " + gatewayPort + " is not between 0 (none) and 65535");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("--parallelism must be between 1 and 64");
        }
        if (kafkaClient.properties().file() != null && (kafka == null || kafka.isBlank())) {
            throw new IllegalArgumentException(
                    "--kafka-properties (or GRIDWATCH_KAFKA_PROPERTIES) is for a Kafka given with --kafka: "
                            + "the embedded broker listens in plaintext only");
        }
        if (!esHeap.matches("\\d+[mMgG]")) {
            throw new IllegalArgumentException(
                    "--es-heap must look like 512m or 1g, got '" + esHeap + "'");
        }
    }
}
