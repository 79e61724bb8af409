package org.gridwatch.gateway.publish;

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
import org.gridwatch.gateway.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Publishes to Kafka with one shared producer. {@code send} never blocks the event loop for long:
 * the producer batches in its own thread, and {@code max.block.ms} bounds the wait when its buffer
 * is full or metadata is missing (the position is then counted as failed). The record key is the
 * entity id, so one truck's positions stay in order on one partition.
 */
public final class KafkaGatewayOutput implements GatewayOutput {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaGatewayOutput.class);

    private final Producer<byte[], byte[]> producer;
    private final boolean ownsProducer;
    private final String gpsTopic;
    private final String deadLetterTopic;
    private final GatewayMetrics metrics;

    public KafkaGatewayOutput(
            Producer<byte[], byte[]> producer,
            boolean ownsProducer,
            String gpsTopic,
            String deadLetterTopic,
            GatewayMetrics metrics) {
        this.producer = producer;
        this.ownsProducer = ownsProducer;
        this.gpsTopic = gpsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
    }

    /**
     * A producer for the gateway: acks=all and idempotent (no duplicates on retry), short linger,
     * lz4.
     */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return producer(bootstrapServers, KafkaClientProperties.NONE);
    }

    /**
     * As above, with the {@code --kafka-properties} file's settings (TLS, SASL) over the gateway's
     * own.
     */
    public static KafkaProducer<byte[], byte[]> producer(
            String bootstrapServers, KafkaClientProperties client) {
        Properties p = ReliableProducer.properties(bootstrapServers, "gridwatch-jt808-gateway");
        // The event loop must not stall behind a Kafka outage; after 2 s a send fails and is
        // counted.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        client.addTo(p);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void position(String key, byte[] value, long eventTime, long decodedAtNanos, Done done) {
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(
                        gpsTopic, null, eventTime, key.getBytes(StandardCharsets.UTF_8), value);
        try {
            producer.send(
                    r,
                    (md, e) -> {
                        if (e == null) {
                            metrics.published(System.nanoTime() - decodedAtNanos);
                        } else {
                            metrics.publishFailed();
                        }
                        done.stored(e == null);
                    });
        } catch (RuntimeException e) {
            metrics.publishFailed();
            LOG.debug("position not sent: {}", e.toString());
            done.stored(false);
        }
    }

    @Override
    public void deadLetter(DeadLetter dl) {
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(
                        deadLetterTopic,
                        null,
                        dl.failedAt(),
                        Topics.deadLetterKey(dl).getBytes(StandardCharsets.UTF_8),
                        Json.bytes(Documents.deadLetter(dl)));
        try {
            producer.send(
                    r,
                    (md, e) -> {
                        if (e != null) {
                            metrics.publishFailed();
                        }
                    });
        } catch (RuntimeException e) {
            metrics.publishFailed();
        }
    }

    @Override
    public void close() {
        producer.flush();
        if (ownsProducer) {
            producer.close();
        }
    }
}
