package org.gridwatch.gateway.intake;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.ReliableProducer;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The intake's Kafka producer: idempotent with acks=all, so a record the intake confirms is on
 * every in-sync replica and a retried send never duplicates it. Futures complete when Kafka has
 * acknowledged (or refused) the record; the HTTP answer waits for them.
 */
public final class IntakePublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;

    public IntakePublisher(String bootstrapServers) {
        this(bootstrapServers, KafkaClientProperties.NONE);
    }

    /**
     * @param client Kafka client settings (TLS, SASL) from {@code --kafka-properties}, over the
     *     intake's own
     */
    public IntakePublisher(String bootstrapServers, KafkaClientProperties client) {
        Properties p = ReliableProducer.properties(bootstrapServers, "gridwatch-intake");
        // An HTTP client waits for the answer: give up (503) well before a typical client timeout
        // of 30 s.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        client.addTo(p);
        this.producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record; the future completes on Kafka's acknowledgement. */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        return send(
                new ProducerRecord<>(
                        topic,
                        null,
                        null,
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value));
    }

    /**
     * Sends a dead letter in the jobs' format ({@code Documents.deadLetter}), keyed as the jobs key
     * theirs.
     */
    public CompletableFuture<Void> deadLetter(DeadLetter dl) {
        return send(
                new ProducerRecord<>(
                        IntakeConfig.DEAD_LETTER_TOPIC,
                        null,
                        dl.failedAt(),
                        Topics.deadLetterKey(dl).getBytes(StandardCharsets.UTF_8),
                        Json.bytes(Documents.deadLetter(dl))));
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(
                    r,
                    (md, e) -> {
                        if (e == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
