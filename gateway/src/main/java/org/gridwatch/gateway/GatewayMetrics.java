package org.gridwatch.gateway;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's counters: connections, frames, positions, publishing, rejected input per reason
 * code, and the decode-to-Kafka-ack latency. Lock-free on the recording side; every event loop and
 * the producer's I/O thread record concurrently. {@link #prometheusText()} renders them for a
 * scrape endpoint.
 */
public final class GatewayMetrics {
    private final AtomicInteger connections = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder positions = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailed = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    // Nanoseconds, up to one minute at 3 significant digits: p99 is exact to 0.1 %.
    private final Recorder latency = new Recorder(60_000_000_000L, 3);
    private Histogram interval;
    private final Histogram total = new Histogram(60_000_000_000L, 3);

    public void connectionOpened() {
        connections.incrementAndGet();
        accepted.increment();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public void frameDecoded() {
        frames.increment();
    }

    public void positionDecoded() {
        positions.increment();
    }

    /** A position acknowledged by Kafka, {@code nanos} after its frame was decoded. */
    public void published(long nanos) {
        published.increment();
        latency.recordValue(Math.max(0, Math.min(nanos, 60_000_000_000L)));
    }

    public void publishFailed() {
        publishFailed.increment();
    }

    /** One frame (or batch item, or dropped frame) rejected for {@code reasonCode}. */
    public void rejected(String reasonCode) {
        rejected.computeIfAbsent(reasonCode, k -> new LongAdder()).increment();
    }

    public int connections() {
        return connections.get();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long frames() {
        return frames.sum();
    }

    public long positions() {
        return positions.sum();
    }

    public long publishedCount() {
        return published.sum();
    }

    public long publishFailedCount() {
        return publishFailed.sum();
    }

    public long rejectedCount(String reasonCode) {
        LongAdder a = rejected.get(reasonCode);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> out = new TreeMap<>();
        rejected.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Latency of the positions acknowledged since the previous call (nanoseconds); the running
     * total also absorbs them, see {@link #latencyTotal()}.
     */
    public synchronized Histogram latencyInterval() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return interval.copy();
    }

    /** Latency of every position acknowledged so far (nanoseconds). */
    public synchronized Histogram latencyTotal() {
        latencyInterval();
        return total.copy();
    }

    /** Prometheus text exposition of these metrics. */
    public String prometheusText() {
        Histogram h = latencyTotal();
        StringBuilder s = new StringBuilder();
        gauge(s, "gridwatch_jt808_connections", "Open terminal connections", connections.get());
        counter(
                s,
                "gridwatch_jt808_connections_accepted_total",
                "Terminal connections accepted",
                accepted.sum());
        counter(s, "gridwatch_jt808_frames_total", "Frames decoded", frames.sum());
        counter(s, "gridwatch_jt808_positions_total", "Positions decoded", positions.sum());
        counter(
                s,
                "gridwatch_jt808_published_total",
                "Positions acknowledged by Kafka",
                published.sum());
        counter(
                s,
                "gridwatch_jt808_publish_failed_total",
                "Records Kafka did not take",
                publishFailed.sum());
        s.append(
                "# HELP gridwatch_jt808_rejected_total Input rejected, by dead-letter reason code\n");
        s.append("# TYPE gridwatch_jt808_rejected_total counter\n");
        rejectedByReason()
                .forEach(
                        (k, v) ->
                                s.append("gridwatch_jt808_rejected_total{reason=\"")
                                        .append(k)
                                        .append("\"} ")
                                        .append(v)
                                        .append('\n'));
        s.append(
                "# HELP gridwatch_jt808_publish_latency_seconds Decode to Kafka acknowledgement\n");
        s.append("# TYPE gridwatch_jt808_publish_latency_seconds summary\n");
        for (double q : new double[] {0.5, 0.99, 0.999}) {
            s.append("gridwatch_jt808_publish_latency_seconds{quantile=\"")
                    .append(q)
                    .append("\"} ")
                    .append(h.getValueAtPercentile(q * 100) / 1e9)
                    .append('\n');
        }
        s.append("gridwatch_jt808_publish_latency_seconds_count ")
                .append(h.getTotalCount())
                .append('\n');
        return s.toString();
    }

    private static void gauge(StringBuilder s, String name, String help, long v) {
        s.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append("\n# TYPE ")
                .append(name)
                .append(" gauge\n")
                .append(name)
                .append(' ')
                .append(v)
                .append('\n');
    }

    private static void counter(StringBuilder s, String name, String help, long v) {
        s.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append("\n# TYPE ")
                .append(name)
                .append(" counter\n")
                .append(name)
                .append(' ')
                .append(v)
                .append('\n');
    }
}
