package org.gridwatch.launcher.cli;

import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.stack.EmbeddedElasticsearch;
import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.StackException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Kafka and Elasticsearch for a command: the ones the user pointed at, or real servers started
 * here. Closing stops what was started, in reverse order (the commands close it on Ctrl-C too).
 */
final class LocalStack implements AutoCloseable {
    /** Elasticsearch needs room for its data and refuses to write past 95 % disk use anyway. */
    private static final long MIN_FREE_DISK_BYTES = 2L * 1024 * 1024 * 1024;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String kafkaBootstrap;
    private KafkaClientProperties kafkaClient = KafkaClientProperties.NONE;
    private String esUrl;

    static LocalStack start(StackOptions o, PrintStream out) {
        return start(o, out, o.workDir.resolve("kafka"), "data");
    }

    /**
     * With the embedded broker's data in {@code kafkaDataDir} and the embedded Elasticsearch's
     * under {@code esDataName}: evaluation and benchmark runs use their own, so they never mix with
     * the demo's.
     */
    static LocalStack start(StackOptions o, PrintStream out, Path kafkaDataDir, String esDataName) {
        return start(o, out, kafkaDataDir, esDataName, false);
    }

    /**
     * As above; {@code keepKafkaData}: the embedded broker goes on with the topics of its last run.
     */
    static LocalStack start(
            StackOptions o,
            PrintStream out,
            Path kafkaDataDir,
            String esDataName,
            boolean keepKafkaData) {
        o.validate();
        LocalStack stack = new LocalStack();
        try {
            Files.createDirectories(o.workDir);
            long free = Files.getFileStore(o.workDir).getUsableSpace();
            if (free < MIN_FREE_DISK_BYTES) {
                throw new StackException(
                        "only "
                                + (free >> 20)
                                + " MB free on the disk of "
                                + o.workDir.toAbsolutePath()
                                + "; the local stack needs at least 2 GB. Free some space or use --work-dir elsewhere.");
            }
            if (o.es != null && !o.es.isBlank()) {
                stack.esUrl = o.es.trim();
                out.println("Elasticsearch: using " + stack.esUrl);
            } else {
                out.println("Elasticsearch: starting a local server on port " + o.esPort + " ...");
                EmbeddedElasticsearch es =
                        new EmbeddedElasticsearch(
                                o.workDir.resolve("elasticsearch"),
                                o.esPort,
                                o.esHeap,
                                out,
                                esDataName);
                stack.started.push(es);
                es.start();
                stack.esUrl = es.url();
            }
            if (o.kafka != null && !o.kafka.isBlank()) {
                stack.kafkaBootstrap = o.kafka.trim();
                stack.kafkaClient = o.kafkaClient.properties();
                out.println(
                        "Kafka: using "
                                + stack.kafkaBootstrap
                                + (stack.kafkaClient.file() == null
                                        ? ""
                                        : ", client properties " + stack.kafkaClient.describe()));
            } else {
                out.println("Kafka: starting a local broker on port " + o.kafkaPort + " ...");
                EmbeddedKafka kafka = new EmbeddedKafka(kafkaDataDir, o.kafkaPort, o.kafkaPort + 1);
                stack.started.push(kafka);
                if (keepKafkaData) {
                    kafka.startKeepingData();
                } else {
                    kafka.start();
                }
                stack.kafkaBootstrap = kafka.bootstrap();
            }
            return stack;
        } catch (IOException e) {
            stack.close();
            throw new StackException(
                    "cannot use the work directory "
                            + o.workDir.toAbsolutePath()
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Both servers were started here (the embedded broker always starts empty). */
    boolean embedded() {
        return started.stream().anyMatch(c -> c instanceof EmbeddedElasticsearch)
                && started.stream().anyMatch(c -> c instanceof EmbeddedKafka);
    }

    /**
     * Looks after Elasticsearch while a command runs: an embedded server that died is started
     * again. Returns null when all is well, else one line for the operator on what is wrong and
     * what GridWatch does about it (the detections and the alert topic do not depend on
     * Elasticsearch).
     */
    String checkElasticsearch(EsQueries es, PrintStream out) {
        for (AutoCloseable c : started) {
            if (c instanceof EmbeddedElasticsearch embedded && !embedded.isAlive()) {
                out.println();
                out.println(
                        "Elasticsearch stopped (exit code "
                                + embedded.exitCode()
                                + "): starting it again. Alerts keep flowing on "
                                + "gridwatch.alerts; documents are indexed once it is back.");
                try {
                    embedded.restart();
                } catch (RuntimeException e) {
                    return "Elasticsearch could not be restarted: " + e.getMessage();
                }
            }
        }
        String problem = es.problem();
        return problem == null
                ? null
                : "Elasticsearch at "
                        + esUrl
                        + " is not answering ("
                        + problem
                        + "); alerts keep flowing on gridwatch.alerts, documents wait in gridwatch.documents until it is back";
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /**
     * The Kafka client settings of every client the command opens (jobs, console, gateway,
     * simulator, status).
     */
    KafkaClientProperties kafkaClient() {
        return kafkaClient;
    }

    /**
     * Job flags: those that point the jobs at this stack's Kafka ({@code --kafka}, and {@code
     * --kafka-properties} when a file was given: the jobs read it again, with the same validation),
     * then {@code more}.
     */
    String[] jobArgs(String... more) {
        return jobArgs(kafkaBootstrap, kafkaClient, more);
    }

    static String[] jobArgs(
            String kafkaBootstrap, KafkaClientProperties kafkaClient, String... more) {
        java.util.List<String> args =
                new java.util.ArrayList<>(java.util.List.of("--kafka", kafkaBootstrap));
        if (kafkaClient.file() != null) {
            args.addAll(
                    java.util.List.of(
                            "--" + org.gridwatch.common.config.JobSettings.KAFKA_PROPERTIES,
                            kafkaClient.file()));
        }
        args.addAll(java.util.List.of(more));
        return args.toArray(String[]::new);
    }

    String esUrl() {
        return esUrl;
    }

    /** Registers something to stop before the servers (jobs, simulator, console). */
    void stopOnClose(AutoCloseable c) {
        synchronized (started) {
            started.push(c);
        }
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable c;
            synchronized (started) {
                c = started.poll();
            }
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (Exception e) {
                System.err.println(
                        "gridwatch: while stopping "
                                + c.getClass().getSimpleName()
                                + ": "
                                + e.getMessage());
            }
        }
    }
}
