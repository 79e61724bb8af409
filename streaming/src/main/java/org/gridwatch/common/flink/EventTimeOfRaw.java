package org.gridwatch.common.flink;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.RecordParser;

/**
 * The event time of a raw record, for watermarks generated inside the Kafka source, per partition.
 * Per-partition watermarks matter: a source reader fetches whole batches from one partition and
 * then the next, so a watermark taken after the source would run ahead on one partition's batch and
 * turn the next partition's on-time events into late ones.
 *
 * <p>The record is parsed here with the job's parser (one set of rules for what a valid time is),
 * and the result is handed to the chained {@link ParseFunction} through {@link LastParse}, so a
 * record is parsed once. An unusable record gets {@code Long.MIN_VALUE}: it never moves a
 * watermark, and the parse function dead-letters it.
 */
final class EventTimeOfRaw<T> implements SerializableTimestampAssigner<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final RecordParser<T> parser;
    private final SerializableTimestampAssigner<T> eventTime;

    EventTimeOfRaw(RecordParser<T> parser, SerializableTimestampAssigner<T> eventTime) {
        this.parser = parser;
        this.eventTime = eventTime;
    }

    @Override
    public long extractTimestamp(RawRecord raw, long recordTimestamp) {
        try {
            T event = parser.parse(raw.value());
            LastParse.remember(raw.value(), event, null);
            return eventTime.extractTimestamp(event, recordTimestamp);
        } catch (InvalidInputException e) {
            LastParse.remember(raw.value(), null, e);
            return Long.MIN_VALUE;
        } catch (RuntimeException e) {
            LastParse.forget();
            return Long.MIN_VALUE;
        }
    }
}
