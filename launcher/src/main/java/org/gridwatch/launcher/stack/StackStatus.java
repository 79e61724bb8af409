package org.gridwatch.launcher.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads how far the local stack has got: records per topic (Kafka end offsets), documents per
 * index, alerts per type (Elasticsearch), dead letters per reason (the dead-letter topic).
 */
public final class StackStatus implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EsQueries es;

    public StackStatus(String kafkaBootstrap, EsQueries es) {
        this(kafkaBootstrap, KafkaClientProperties.NONE, es);
    }

    /**
     * @param kafkaClient the {@code --kafka-properties} file's settings (TLS, SASL)
     */
    public StackStatus(String kafkaBootstrap, KafkaClientProperties kafkaClient, EsQueries es) {
        Properties p = kafkaClient.toProperties();
        p.put("bootstrap.servers", kafkaBootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("client.id", "gridwatch-status");
        this.consumer = new KafkaConsumer<>(p);
        this.es = es;
    }

    /** Records in each GridWatch topic (sum of the partitions' end offsets). */
    public Map<String, Long> recordsPerTopic() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Topics.TopicSpec t : Topics.ALL) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(t.name(), Duration.ofSeconds(5)).stream()
                            .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                            .toList();
            long sum =
                    consumer.endOffsets(parts, Duration.ofSeconds(5)).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
            out.put(t.name(), sum);
        }
        return out;
    }

    /** Reads the whole dead-letter topic and counts its records by reason code. */
    public Map<String, Long> deadLettersPerReason() {
        Map<String, Long> counts = new TreeMap<>();
        eachDeadLetter(d -> counts.merge(d.path("reasonCode").asText("unknown"), 1L, Long::sum));
        return counts;
    }

    /**
     * The original text of every {@code late_event} dead letter (to tell valid events declared late
     * from events sent late).
     */
    public List<String> lateEventOriginals() {
        List<String> originals = new ArrayList<>();
        eachDeadLetter(
                d -> {
                    if (d.path("reasonCode").asText().equals("late_event")) {
                        originals.add(d.path("original").asText());
                    }
                });
        return originals;
    }

    /**
     * Reads the dead-letter topic from the beginning to its current end (unreadable records count
     * as reason "unreadable").
     */
    private void eachDeadLetter(Consumer<JsonNode> each) {
        List<TopicPartition> parts =
                consumer.partitionsFor(Topics.DEAD_LETTER, Duration.ofSeconds(5)).stream()
                        .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                        .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(5));
        long deadline = System.currentTimeMillis() + 30_000;
        while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                JsonNode d;
                try {
                    d = Json.MAPPER.readTree(r.value());
                } catch (Exception e) {
                    d = Json.MAPPER.createObjectNode().put("reasonCode", "unreadable");
                }
                each.accept(d);
            }
        }
        consumer.assign(List.of());
    }

    public Map<String, Long> documentsPerIndex() {
        return es.countsPerIndex("gridwatch-*");
    }

    public Map<String, Long> alertsPerType() {
        return es.termsCount("gridwatch-alerts*", "type");
    }

    public static String format(Map<String, Long> m) {
        return m.isEmpty()
                ? "none"
                : m.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
