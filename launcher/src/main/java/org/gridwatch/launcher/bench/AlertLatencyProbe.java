package org.gridwatch.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A consumer of {@code gridwatch.alerts} in the benchmark's JVM, as an enforcement team's would be
 * (read-committed), that links each alert revision to the event that triggered it through the
 * {@link SendLog} and records the latency from that event's production to the revision's arrival
 * here, per alert type. A revision is event-triggered when its entity (or an evidence item's
 * reference) and its event time are those of a sent event; any other revision is timer-driven and
 * only counted. Starts at the topic's end, so alerts of an earlier run do not count.
 */
public final class AlertLatencyProbe implements AutoCloseable {
    /** One event-triggered alert revision, for the Elasticsearch probe. */
    public record Linked(String alertId, int revision, String type, long sentWallMs) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SendLog sent;
    private final LatencyRecorder latencies;
    private final Consumer<Linked> onLinked;
    private final Map<String, Long> timerDriven = new TreeMap<>();
    private final Thread thread;
    private volatile long countFromWallMs = Long.MAX_VALUE;
    private volatile boolean stopped;
    private volatile Exception failure;
    private long warmUp;
    private volatile long received;

    /**
     * Subscribes now (at the end of the topic) and consumes in the background until closed; {@code
     * onLinked} is called with each counted revision, on the consumer's thread.
     */
    public AlertLatencyProbe(
            String bootstrap,
            KafkaClientProperties client,
            SendLog sent,
            LatencyRecorder latencies,
            Consumer<Linked> onLinked) {
        this.sent = sent;
        this.latencies = latencies;
        this.onLinked = onLinked;
        Properties props = client.toProperties();
        props.putAll(
                Map.of(
                        "bootstrap.servers", bootstrap,
                        "isolation.level", "read_committed",
                        "client.id", "gridwatch-benchmark-latency"));
        consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts =
                consumer.partitionsFor(Topics.ALERTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end now, before anything is produced
        thread = new Thread(this::run, "gridwatch-latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Counts only revisions triggered by events produced at or after {@code wallMs}: the events of
     * the warm-up (jobs starting, first checkpoints) are linked but not counted.
     */
    public void countFrom(long wallMs) {
        countFromWallMs = wallMs;
    }

    private void run() {
        try {
            while (!stopped) {
                var records = consumer.poll(Duration.ofMillis(100));
                long receivedAt = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    received++;
                    onAlert(Json.read(new String(r.value(), StandardCharsets.UTF_8)), receivedAt);
                }
            }
        } catch (WakeupException e) {
            // Closed.
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private void onAlert(JsonNode alert, long receivedAt) {
        String type = alert.path("type").asText();
        long eventTime = epochMs(alert.path("eventTime"));
        long sentAt = sent.sentAt(alert.path("entityId").asText(null), eventTime);
        JsonNode evidence = alert.path("evidence");
        for (int i = evidence.size() - 1; i >= 0 && sentAt < 0; i--) {
            JsonNode e = evidence.get(i);
            if (epochMs(e.path("eventTime")) == eventTime) {
                sentAt = sent.sentAt(e.path("ref").asText(null), eventTime);
            }
        }
        synchronized (timerDriven) {
            if (sentAt < 0) {
                timerDriven.merge(type, 1L, Long::sum);
                return;
            }
            if (sentAt < countFromWallMs) {
                warmUp++;
                return;
            }
        }
        latencies.record(type, receivedAt - sentAt);
        onLinked.accept(
                new Linked(
                        alert.path("alertId").asText(),
                        alert.path("revision").asInt(),
                        type,
                        sentAt));
    }

    private static long epochMs(JsonNode iso) {
        return iso.isTextual() ? Instant.parse(iso.asText()).toEpochMilli() : Long.MIN_VALUE;
    }

    /** Timer-driven revisions per alert type (no sent event triggered them): counted, not timed. */
    public Map<String, Long> timerDriven() {
        synchronized (timerDriven) {
            return Map.copyOf(timerDriven);
        }
    }

    /** Event-triggered revisions left out because their event was sent during the warm-up. */
    public long warmUp() {
        synchronized (timerDriven) {
            return warmUp;
        }
    }

    /** Alert revisions received, of any kind. */
    public long received() {
        return received;
    }

    /** Why the consumer stopped early, or null. */
    public Exception failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
