package org.gridwatch.common.es;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaIO;
import org.gridwatch.common.model.DeadLetter;

/** Publishes rejected documents to the dead-letter topic with their own producer. */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher {
    private static final long serialVersionUID = 1L;

    private final String bootstrap;
    private final String topic;
    private transient KafkaProducer<byte[], byte[]> producer;

    public KafkaDeadLetterPublisher(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public void open() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        p.put("client.id", "gridwatch-es-deadletters");
        producer = new KafkaProducer<>(p);
    }

    @Override
    public void publish(DeadLetter d) {
        producer.send(new ProducerRecord<>(topic, null, d.failedAt(),
                KafkaIO.deadLetterKey(d).getBytes(StandardCharsets.UTF_8), Json.bytes(Documents.deadLetter(d))));
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
