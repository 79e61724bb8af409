package org.gridwatch.common.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.es.DeadLetterPublisher;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Publishes rejected documents to the dead-letter topic with their own producer. */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher {
    private static final long serialVersionUID = 1L;

    private final String bootstrap;
    private final KafkaClientProperties client;
    private final String topic;
    private transient KafkaProducer<byte[], byte[]> producer;

    /**
     * @param client the job's client settings ({@code --kafka-properties}: TLS, SASL)
     */
    public KafkaDeadLetterPublisher(String bootstrap, KafkaClientProperties client, String topic) {
        this.bootstrap = bootstrap;
        this.client = client;
        this.topic = topic;
    }

    @Override
    public void open() {
        producer = new KafkaProducer<>(properties());
    }

    /** The producer's configuration: the job's client settings, then what this publisher needs. */
    Properties properties() {
        Properties p = client.toProperties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        p.put("client.id", "gridwatch-es-deadletters");
        return p;
    }

    @Override
    public void publish(DeadLetter d) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        null,
                        d.failedAt(),
                        Topics.deadLetterKey(d).getBytes(StandardCharsets.UTF_8),
                        Json.bytes(Documents.deadLetter(d))));
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
