package org.gridwatch.common.flink;

import java.util.Locale;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.RecordParser;

/**
 * The front of every job: source with per-partition event-time watermarks (bounded
 * out-of-orderness plus idleness) → parse (bad records to dead letters) → late events to dead letters. Operator uids are derived
 * from the topic name, so they stay stable across releases.
 */
public final class Ingest {
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
        // Watermarks are generated in the source, per partition (see EventTimeOfRaw for why).
        WatermarkStrategy<RawRecord> watermarks = WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(settings.maxOutOfOrder())
                .withTimestampAssigner(new EventTimeOfRaw<>(parser, eventTime));
        if (!settings.bounded()) {
            // A bounded run reads a recorded backlog: no partition is ever waiting for data, and each
            // one's end releases its watermark. Idleness there only misfires (a partition the reader
            // has not fetched from for a while is declared idle, and its records turn late).
            watermarks = watermarks.withIdleness(settings.idleTimeout());
        }
        DataStream<RawRecord> raw = env.fromSource(source, watermarks, "Kafka " + topic)
                .uid("source-" + id)
                .name("Kafka " + topic);
        SingleOutputStreamOperator<T> parsed = raw.process(new ParseFunction<>(parser), org.apache.flink.api.common.typeinfo.TypeInformation.of(type))
                .uid("parse-" + id)
                .name("Parse " + topic);
        SingleOutputStreamOperator<T> onTime = parsed
                .process(new LateEventFilter<>(topic), org.apache.flink.api.common.typeinfo.TypeInformation.of(type))
                .uid("late-" + id)
                .name("Late events " + topic);
        DataStream<DeadLetter> dead = parsed.getSideOutput(ParseFunction.DEAD_LETTERS)
                .union(onTime.getSideOutput(ParseFunction.DEAD_LETTERS));
        return new Ingested<>(onTime, dead);
    }
}
