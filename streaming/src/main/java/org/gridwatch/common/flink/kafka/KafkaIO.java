package org.gridwatch.common.flink.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.es.EsWriteRequests;
import org.gridwatch.common.flink.SplitWatermarkSource;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Builds GridWatch's Kafka sources and sinks from {@link JobSettings}. */
public final class KafkaIO {
    private KafkaIO() {}

    /**
     * Raw records of one input topic; offsets are committed on checkpoints under the job's group.
     * Every assigned partition holds the watermark from its assignment on ({@link
     * SplitWatermarkSource}).
     */
    public static Source<RawRecord, ?, ?> rawSource(JobSettings s, String topic) {
        return new SplitWatermarkSource<>(
                kafkaSource(s, topic), TypeInformation.of(RawRecord.class));
    }

    /** The Kafka source under {@link #rawSource}. */
    static KafkaSource<RawRecord> kafkaSource(JobSettings s, String topic) {
        var builder =
                KafkaSource.<RawRecord>builder()
                        // First, so that what GridWatch sets below (group, offsets, deserializer)
                        // stays as set.
                        .setProperties(s.kafkaClient().toProperties())
                        .setBootstrapServers(s.kafkaBootstrap())
                        .setTopics(topic)
                        .setGroupId(s.groupId())
                        .setStartingOffsets(startingOffsets(s, topic))
                        .setDeserializer(new RawRecordDeserializer())
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperty("client.id.prefix", s.groupId() + "-" + topic);
        if (s.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Where a new job (one not restored from a checkpoint, whose offsets win) starts: the group's
     * committed offsets, else the earliest or latest. The reference topic of a job that read it to
     * its end before it was built ({@link ReferenceBootstrap}) starts where that reading ended:
     * what came before is already the detectors' base, and reading it again would briefly bring
     * back versions the base has replaced.
     */
    static OffsetsInitializer startingOffsets(JobSettings s, String topic) {
        if (topic.equals(Topics.REFERENCE) && s.reference() != null) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            s.reference()
                    .endOffsets()
                    .forEach(
                            (partition, offset) ->
                                    offsets.put(new TopicPartition(topic, partition), offset));
            // A partition added since is read from its beginning.
            return OffsetsInitializer.offsets(offsets, OffsetResetStrategy.EARLIEST);
        }
        return OffsetsInitializer.committedOffsets(
                s.fromEarliest() ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST);
    }

    /**
     * The alert topic enforcement teams subscribe to: key = alert id (so one episode's updates stay
     * in order on one partition), value = the alert JSON. At-least-once by default for sub-second
     * delivery; consumers drop repeats by (alertId, revision). Exactly-once makes alerts visible to
     * read_committed consumers only after each checkpoint.
     */
    public static KafkaSink<Alert> alertSink(JobSettings s, String transactionalIdPrefix) {
        var builder =
                KafkaSink.<Alert>builder()
                        .setBootstrapServers(s.kafkaBootstrap())
                        .setRecordSerializer(
                                (KafkaRecordSerializationSchema<Alert>)
                                        (alert, ctx, timestamp) ->
                                                alertRecord(alert, System.currentTimeMillis()))
                        .setKafkaProducerConfig(producerProps(s));
        if (s.alertsExactlyOnce()) {
            builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(transactionalIdPrefix);
        } else {
            builder.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        }
        return builder.build();
    }

    /**
     * An alert as its record on the alert topic, stamped with the alert's event time but never
     * later than {@code nowMs}: a Kafka 4 broker refuses a record more than an hour ahead of its
     * clock and fails the batch, and an alert's time can lie ahead (a timer at the final watermark
     * of a bounded input, a device whose clock runs ahead within the parser's --max-future).
     */
    static ProducerRecord<byte[], byte[]> alertRecord(Alert alert, long nowMs) {
        return new ProducerRecord<>(
                Topics.ALERTS,
                null,
                Math.min(alert.eventTime(), nowMs),
                alert.alertId().getBytes(StandardCharsets.UTF_8),
                Json.bytes(Documents.alert(alert)));
    }

    /**
     * The dead-letter topic. Key = source topic/partition/offset, so when several jobs reject the
     * same record a compacted topic keeps one copy.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(JobSettings s) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(s.kafkaBootstrap())
                .setRecordSerializer(
                        (KafkaRecordSerializationSchema<DeadLetter>)
                                (dl, ctx, timestamp) ->
                                        new ProducerRecord<>(
                                                Topics.DEAD_LETTER,
                                                null,
                                                dl.failedAt(),
                                                Topics.deadLetterKey(dl)
                                                        .getBytes(StandardCharsets.UTF_8),
                                                Json.bytes(Documents.deadLetter(dl))))
                .setKafkaProducerConfig(producerProps(s))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * The Elasticsearch writes of a job, for the indexer job to apply ({@link Topics#DOCUMENTS}).
     * At least once is enough: every write has a deterministic id and, where order matters, an
     * external version, so a repeat changes nothing.
     */
    public static KafkaSink<EsWriteRequest> documentSink(JobSettings s) {
        return KafkaSink.<EsWriteRequest>builder()
                .setBootstrapServers(s.kafkaBootstrap())
                .setRecordSerializer(
                        (KafkaRecordSerializationSchema<EsWriteRequest>)
                                (r, ctx, timestamp) -> documentRecord(r))
                .setKafkaProducerConfig(producerProps(s))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * A document as the indexer's record. Its Kafka timestamp is the time of writing, not the
     * element's: output at the end of a bounded input comes from timers that fire at the final
     * watermark, stamped hours ahead of the broker's clock, and a Kafka 4 broker refuses a record
     * more than {@code log.message.timestamp.after.max.ms} (1 h) ahead, failing the whole batch and
     * the job. Nothing reads these timestamps: the indexer runs without event time and the topic is
     * compacted, not retained by time.
     */
    static ProducerRecord<byte[], byte[]> documentRecord(EsWriteRequest r) {
        return new ProducerRecord<>(
                Topics.DOCUMENTS, null, null, EsWriteRequests.key(r), EsWriteRequests.value(r));
    }

    private static Properties producerProps(JobSettings s) {
        Properties p = new Properties();
        p.setProperty("linger.ms", "5");
        p.setProperty("compression.type", "lz4");
        // Must stay below the broker's transaction.max.timeout.ms (15 min by default).
        p.setProperty("transaction.timeout.ms", "600000");
        // --kafka-properties: TLS, SASL, and tuning that wins over the defaults above.
        return s.kafkaClient().addTo(p);
    }
}
