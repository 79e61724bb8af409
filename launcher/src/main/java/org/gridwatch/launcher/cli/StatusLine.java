package org.gridwatch.launcher.cli;

import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.stack.StackStatus;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The live status line of a running stack (demo, run) and its closing summary. */
final class StatusLine {
    private StatusLine() {}

    /**
     * Prints a status line every 30 s (or keeps one line up to date on a terminal) until {@code
     * stop} is counted down or {@code minutes} have passed (0: no limit); says when Elasticsearch
     * is not answering. Returns whether the Flink web UI answered.
     */
    static boolean loop(
            PrintStream out,
            LocalStack stack,
            LocalFlink flink,
            EsQueries es,
            StackStatus status,
            CountDownLatch stop,
            int minutes)
            throws InterruptedException {
        String lastProblem = null;
        long end = minutes > 0 ? System.currentTimeMillis() + minutes * 60_000L : Long.MAX_VALUE;
        long lastIn = 0;
        long lastAt = System.currentTimeMillis();
        boolean uiAnswered = false;
        boolean interactive = System.console() != null;
        int tick = 0;
        while (System.currentTimeMillis() < end) {
            if (stop.await(2, TimeUnit.SECONDS)) {
                break;
            }
            if (!uiAnswered) {
                uiAnswered = uiAnswers(flink.uiUrl() + "/overview");
            }
            String problem = stack.checkElasticsearch(es, out);
            if (problem != null && !problem.equals(lastProblem)) {
                out.println();
                out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + problem);
            } else if (problem == null && lastProblem != null) {
                out.println();
                out.println(
                        "["
                                + java.time.LocalTime.now().withNano(0)
                                + "] Elasticsearch answers again; the indexer catches up from Kafka.");
            }
            lastProblem = problem;
            Map<String, Long> topics = status.recordsPerTopic();
            long in =
                    topics.entrySet().stream()
                            .filter(e -> isInput(e.getKey()))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
            long now = System.currentTimeMillis();
            double rate = (in - lastIn) * 1000.0 / Math.max(1, now - lastAt);
            lastIn = in;
            lastAt = now;
            String line =
                    String.format(
                            "[%s] in %,d events (%,.0f/s) | positions %,d | alerts %,d | dead letters %,d | jobs %s",
                            java.time.LocalTime.now().withNano(0),
                            in,
                            rate,
                            es.count("gridwatch-positions*"),
                            es.count("gridwatch-alerts*"),
                            topics.getOrDefault("gridwatch.deadletter", 0L),
                            flink.jobStatus());
            if (interactive) {
                out.print("\r" + line + "   ");
            } else if (tick++ % 15 == 0) {
                out.println(line);
            }
        }
        return uiAnswered;
    }

    static void summary(PrintStream out, StackStatus status, boolean uiAnswered, LocalFlink flink) {
        out.println();
        out.println("Summary");
        out.println(
                "  Flink web UI answered: "
                        + (uiAnswered ? "yes" : "no")
                        + "; job status "
                        + flink.jobStatus());
        out.println("  Events in per topic:   " + StackStatus.format(status.recordsPerTopic()));
        out.println("  Documents per index:   " + StackStatus.format(status.documentsPerIndex()));
        out.println("  Alerts per type:       " + StackStatus.format(status.alertsPerType()));
        out.println(
                "  Dead letters / reason: " + StackStatus.format(status.deadLettersPerReason()));
        out.println("  Last checkpoint:       " + flink.lastCheckpoint());
    }

    static boolean uiAnswers(String url) {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isInput(String topic) {
        return Topics.INPUTS.contains(topic);
    }
}
