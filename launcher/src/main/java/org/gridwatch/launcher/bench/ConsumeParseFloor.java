package org.gridwatch.launcher.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.RecordParser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The floor a stream job is measured against: one thread, no Flink, reading a whole topic from its
 * beginning to the end it had at the start and parsing every record into its record type with the
 * jobs' own parser. What the detections reach end to end is put as a share of this.
 */
public final class ConsumeParseFloor {
    public record Result(String topic, long records, long invalid, double seconds) {
        public double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private ConsumeParseFloor() {}

    public static Result measure(
            String bootstrap, KafkaClientProperties client, String topic, RecordParser<?> parser) {
        Properties p = client.toProperties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofMinutes(1)).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofMinutes(1));
            long records = 0;
            long invalid = 0;
            long t0 = System.nanoTime();
            while (!reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    try {
                        parser.parse(r.value());
                    } catch (InvalidInputException e) {
                        invalid++;
                    }
                }
            }
            return new Result(topic, records, invalid, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
