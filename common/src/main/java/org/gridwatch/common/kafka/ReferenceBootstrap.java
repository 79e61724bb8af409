package org.gridwatch.common.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.ReferenceParser;
import org.gridwatch.common.reference.CityInfo;
import org.gridwatch.common.reference.ReferenceSnapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code gridwatch.reference} to its end before a job is built, so that a job run without
 * {@code --city} (on a cluster whose task managers share no disk with anyone) starts with the
 * city's zone, bounds, grids, permits and rules already in place: no event is judged against a
 * reference not read yet. The topic is compacted and keyed {@code KIND:id} ({@code gridwatch city
 * publish}); a key's last record wins and a tombstone removes it, as compaction would.
 */
public final class ReferenceBootstrap {
    /** How long reading the topic to its end may take before the job refuses to start. */
    public static final Duration TIMEOUT = Duration.ofMinutes(2);

    private ReferenceBootstrap() {}

    /**
     * The topic read from its beginning to the end it had when reading began, by a consumer with
     * the job's client settings ({@code --kafka-properties}: TLS, SASL).
     */
    public static ReferenceSnapshot read(
            String bootstrap,
            KafkaClientProperties client,
            String topic,
            ParseLimits limits,
            Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties(bootstrap, client, timeout))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return new ReferenceSnapshot(null, List.of(), Map.of(), 0);
            }
            List<TopicPartition> partitions =
                    infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<String, Record> latest =
                    readToEnd(
                            consumer, end, System.nanoTime() + timeout.toNanos(), topic, bootstrap);
            Map<Integer, Long> endOffsets = new HashMap<>();
            end.forEach((tp, offset) -> endOffsets.put(tp.partition(), offset));
            return decode(new ArrayList<>(latest.values()), endOffsets, limits);
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "cannot read " + topic + " from " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** One record as read: where it was, and its value. */
    record Record(int partition, long offset, byte[] value) {}

    private static Map<String, Record> readToEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> end,
            long deadlineNanos,
            String topic,
            String bootstrap) {
        Map<String, Record> latest = new LinkedHashMap<>();
        while (!caughtUp(consumer, end)) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException(
                        "reading "
                                + topic
                                + " from "
                                + bootstrap
                                + " to its end "
                                + end
                                + " took too long");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                    continue; // published after reading began: the job's own source reads it
                }
                // Unkeyed records cannot be compacted: each one counts, in order.
                String key =
                        r.key() == null
                                ? "@" + r.partition() + "/" + r.offset()
                                : new String(r.key(), StandardCharsets.UTF_8);
                latest.remove(key);
                if (r.value() != null) {
                    latest.put(key, new Record(r.partition(), r.offset(), r.value()));
                }
            }
        }
        return latest;
    }

    private static boolean caughtUp(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the records as the job's parser will: first for the CITY record (its zone reads local
     * times, its bounds hold positions), then every record with that city's parser. What the parser
     * refuses is only counted: the job's own source reads the same records and dead-letters them
     * with their reason.
     */
    static ReferenceSnapshot decode(
            List<Record> records, Map<Integer, Long> endOffsets, ParseLimits limits) {
        CityInfo city = null;
        ReferenceParser probe =
                new ReferenceParser(
                        limits, (org.gridwatch.common.city.check.CityBounds) null, ZoneOffset.UTC);
        for (Record r : records) {
            ReferenceUpdate u = parseOrNull(probe, r);
            if (u != null && u.kind().equals(CityInfo.KIND)) {
                city = CityInfo.decode(org.gridwatch.common.json.Json.read(u.payload()));
            }
        }
        ReferenceParser parser =
                city == null ? probe : new ReferenceParser(limits, city.bounds(), city.zone());
        List<ReferenceUpdate> updates = new ArrayList<>();
        int refused = 0;
        for (Record r : records) {
            ReferenceUpdate u = parseOrNull(parser, r);
            if (u == null) {
                refused++;
            } else {
                updates.add(u);
            }
        }
        // The order the detectors replay broadcast state in: by time, the topic's order at equal
        // times.
        updates.sort(Comparator.comparingLong(ReferenceUpdate::eventTime));
        return new ReferenceSnapshot(city, updates, endOffsets, refused);
    }

    private static ReferenceUpdate parseOrNull(ReferenceParser parser, Record r) {
        try {
            return parser.parse(r.value());
        } catch (InvalidInputException e) {
            return null;
        }
    }

    static Properties properties(String bootstrap, KafkaClientProperties client, Duration timeout) {
        // First, so that what the bootstrap needs (bytes, no commits, committed records only) stays
        // as set.
        Properties p = client.toProperties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.setProperty(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "gridwatch-reference-bootstrap");
        return p;
    }
}
