package org.gridwatch.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's meters (Micrometer, served in Prometheus text by {@link #prometheusText()}):
 *
 * <ul>
 *   <li>{@code gridwatch_jt808_connections} open terminal connections (gauge), {@code
 *       gridwatch_jt808_connections_accepted_total};
 *   <li>{@code gridwatch_jt808_frames_total}, {@code gridwatch_jt808_positions_total} decoded;
 *   <li>{@code gridwatch_jt808_published_total} positions Kafka acknowledged, {@code
 *       gridwatch_jt808_publish_failed_total} records it did not take;
 *   <li>{@code gridwatch_jt808_rejected_total{reason}} input rejected, by dead-letter reason code;
 *   <li>{@code gridwatch_jt808_publish_latency_seconds} decode to Kafka acknowledgement (a summary
 *       with p50, p99 and p99.9 over Micrometer's sliding window, count, sum and max).
 * </ul>
 *
 * <p>Every event loop and the producer's I/O thread record concurrently; Micrometer's meters are
 * thread-safe. The decode-to-ack latency is also kept in an HdrHistogram {@link Recorder}, because
 * the gateway benchmark needs exact percentiles per measuring interval ({@link
 * #latencyInterval()}), which a monitoring summary's sliding window does not give.
 */
public final class GatewayMetrics {
    private static final long LATENCY_MAX_NANOS = 60_000_000_000L;

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter accepted =
            counter("connections.accepted", "Terminal connections accepted");
    private final Counter frames = counter("frames", "Frames decoded");
    private final Counter positions = counter("positions", "Positions decoded");
    private final Counter published = counter("published", "Positions acknowledged by Kafka");
    private final Counter publishFailed = counter("publish.failed", "Records Kafka did not take");
    private final Timer publishLatency =
            Timer.builder("gridwatch.jt808.publish.latency")
                    .description("Decode to Kafka acknowledgement")
                    .publishPercentiles(0.5, 0.99, 0.999)
                    .register(registry);
    // Nanoseconds, up to one minute at 3 significant digits: p99 is exact to 0.1 %.
    private final Recorder latency = new Recorder(LATENCY_MAX_NANOS, 3);
    private Histogram interval;
    private final Histogram total = new Histogram(LATENCY_MAX_NANOS, 3);

    public GatewayMetrics() {
        Gauge.builder("gridwatch.jt808.connections", connections, AtomicInteger::get)
                .description("Open terminal connections")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder("gridwatch.jt808." + name)
                .description(description)
                .register(registry);
    }

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
        long clamped = Math.max(0, Math.min(nanos, LATENCY_MAX_NANOS));
        published.increment();
        publishLatency.record(clamped, TimeUnit.NANOSECONDS);
        latency.recordValue(clamped);
    }

    public void publishFailed() {
        publishFailed.increment();
    }

    /** One frame (or batch item, or dropped frame) rejected for {@code reasonCode}. */
    public void rejected(String reasonCode) {
        Counter.builder("gridwatch.jt808.rejected")
                .description("Input rejected, by dead-letter reason code")
                .tag("reason", reasonCode)
                .register(registry)
                .increment();
    }

    public int connections() {
        return connections.get();
    }

    public long accepted() {
        return (long) accepted.count();
    }

    public long frames() {
        return (long) frames.count();
    }

    public long positions() {
        return (long) positions.count();
    }

    public long publishedCount() {
        return (long) published.count();
    }

    public long publishFailedCount() {
        return (long) publishFailed.count();
    }

    public long rejectedCount(String reasonCode) {
        Counter c = registry.find("gridwatch.jt808.rejected").tag("reason", reasonCode).counter();
        return c == null ? 0 : (long) c.count();
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> out = new TreeMap<>();
        registry.find("gridwatch.jt808.rejected")
                .counters()
                .forEach(c -> out.put(c.getId().getTag("reason"), (long) c.count()));
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

    /** The registry, for a service that serves these meters with its own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition of these metrics. */
    public String prometheusText() {
        return registry.scrape();
    }
}
