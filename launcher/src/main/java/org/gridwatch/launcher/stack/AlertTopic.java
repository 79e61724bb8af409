package org.gridwatch.launcher.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The alert topic as an enforcement team's consumer reads it: committed records only, from the
 * beginning to the current end.
 */
public final class AlertTopic {
    private AlertTopic() {}

    /**
     * Every alert revision on {@code gridwatch.alerts} that a read-committed consumer sees,
     * partition by partition.
     */
    public static List<JsonNode> readCommitted(String bootstrap) {
        return readCommitted(bootstrap, KafkaClientProperties.NONE);
    }

    /** As above, the consumer with the {@code --kafka-properties} file's settings (TLS, SASL). */
    public static List<JsonNode> readCommitted(String bootstrap, KafkaClientProperties client) {
        List<JsonNode> out = new ArrayList<>();
        Properties props = client.toProperties();
        props.putAll(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"));
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(Topics.ALERTS).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 60_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    out.add(Json.read(new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }
}
