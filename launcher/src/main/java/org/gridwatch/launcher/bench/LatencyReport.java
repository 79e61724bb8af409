package org.gridwatch.launcher.bench;

import java.io.PrintStream;
import java.util.Map;

/** The lines {@code benchmark --latency} prints at the end: overall first, then per alert type. */
public final class LatencyReport {
    /** Issue 20's target for the ingestion-to-alert-topic latency. */
    public static final long TARGET_P99_MS = 500;

    private LatencyReport() {}

    /**
     * @param minutes measured minutes (after the warm-up)
     * @param sentPerSecond events produced per second while measuring
     * @param toTopic latencies from an event's production to its alert on the topic
     * @param toSearch the same to the alert's document being searchable, or null when not measured
     */
    public static void print(
            PrintStream out,
            int minutes,
            double sentPerSecond,
            LatencyRecorder toTopic,
            LatencyRecorder toSearch,
            AlertLatencyProbe probe,
            SearchableProbe searchable) {
        out.println();
        out.printf(
                "Latency over %d min, fed in real time at %,.0f events/s (event-triggered alert revisions only):%n",
                minutes, sentPerSecond);
        out.printf(
                "latency ingestion -> gridwatch.alerts: %s (target p99 < %d ms)%n",
                toTopic.overall().format(), TARGET_P99_MS);
        perType(out, toTopic);
        if (toSearch != null) {
            out.printf(
                    "latency ingestion -> searchable in Elasticsearch: %s (polled by alert id every %d ms)%n",
                    toSearch.overall().format(), SearchableProbe.POLL_MS);
            perType(out, toSearch);
            if (searchable.givenUp() + searchable.pending() > 0) {
                out.printf(
                        "  not searchable in time (left out): %d%n",
                        searchable.givenUp() + searchable.pending());
            }
        }
        Map<String, Long> timers = probe.timerDriven();
        out.println(
                "timer-driven revisions (no sent event triggered them; counted, not timed): "
                        + (timers.isEmpty() ? "none" : new java.util.TreeMap<>(timers)));
        out.println(
                "alert revisions received: "
                        + probe.received()
                        + "; of events sent in the warm-up (left out): "
                        + probe.warmUp()
                        + (probe.failure() == null
                                ? ""
                                : "; the alert consumer failed: " + probe.failure()));
    }

    private static void perType(PrintStream out, LatencyRecorder r) {
        for (String type : r.labels()) {
            out.printf("  %-24s %s%n", type, r.summary(type).format());
        }
    }
}
