package org.gridwatch.common.flink;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.RecordParser;

import java.time.Duration;
import java.util.Locale;

/**
 * The front of every job: source with per-partition event-time watermarks (bounded out-of-orderness
 * plus idleness) → parse, where bad records and events already behind the watermark go to dead
 * letters with their original bytes, partition and offset. Operator uids are derived from the topic
 * name, so they stay stable across releases (the stateless "late-" operator of earlier releases is
 * now part of "parse-": a savepoint from before restores, it held no state).
 */
public final class Ingest {
    /**
     * How far event time moves before a partition's watermark is sent on (see
     * InputOrderWatermarks).
     */
    static final Duration WATERMARK_STEP = Duration.ofSeconds(1);

    private Ingest() {}

    /** Events of one topic, and the records of it that could not be used. */
    public record Ingested<T>(DataStream<T> events, DataStream<DeadLetter> deadLetters) {}

    public static <T> Ingested<T> topic(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            String topic,
            RecordParser<T> parser,
            Class<T> type,
            SerializableTimestampAssigner<T> eventTime,
            JobSettings settings) {
        String id = topic.replace("gridwatch.", "").toLowerCase(Locale.ROOT);
        // Watermarks are generated in the source, per partition (see EventTimeOfRaw for why), and
        // from the events alone (see InputOrderWatermarks).
        Duration bound = settings.maxOutOfOrder();
        WatermarkStrategy<RawRecord> watermarks =
                WatermarkStrategy.<RawRecord>forGenerator(
                                context ->
                                        new InputOrderWatermarks<>(
                                                bound, WATERMARK_STEP, RawRecord::key))
                        .withTimestampAssigner(new EventTimeOfRaw<>(parser, eventTime));
        if (!settings.bounded()) {
            // A bounded run reads a recorded backlog: no partition is ever waiting for data, and
            // each one's end releases its watermark. Idleness there only misfires (a partition the
            // reader has not fetched from for a while is declared idle, and its records turn late).
            watermarks = watermarks.withIdleness(settings.idleTimeout());
        }
        DataStream<RawRecord> raw =
                env.fromSource(source, watermarks, "Kafka " + topic)
                        .uid("source-" + id)
                        .name("Kafka " + topic);
        String refusedCounter =
                topic.equals(Topics.REFERENCE) ? ParseFunction.REFERENCE_UPDATES_REFUSED : null;
        SingleOutputStreamOperator<T> parsed =
                raw.process(
                                new ParseFunction<>(
                                        parser, lateTolerance(topic, settings), refusedCounter),
                                TypeInformation.of(type))
                        .uid("parse-" + id)
                        .name("Parse " + topic);
        return new Ingested<>(parsed, parsed.getSideOutput(ParseFunction.DEAD_LETTERS));
    }

    /**
     * How far behind its partition an event may come and still be used: the watermark bound; for
     * the hotline's case events (complaints and case steps, not spot clearances) also {@code
     * --hotline-lateness}, since a case's later steps still apply to it (see the cases README);
     * never late for reference updates, which are state, not observations.
     */
    static <T> LateTolerance<T> lateTolerance(String topic, JobSettings settings) {
        if (topic.equals(Topics.REFERENCE)) {
            return LateTolerance.fixed(PartitionLateness.NEVER);
        }
        long bound = settings.maxOutOfOrder().toMillis();
        if (!topic.equals(Topics.HOTLINE)) {
            return LateTolerance.fixed(bound);
        }
        long caseTolerance = bound + settings.hotlineLateness().toMillis();
        return event ->
                event instanceof HotlineEvent h && h.spotId() == null ? caseTolerance : bound;
    }
}
