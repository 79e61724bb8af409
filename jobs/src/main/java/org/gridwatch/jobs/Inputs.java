package org.gridwatch.jobs;

import org.apache.flink.api.connector.source.Source;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaIO;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.RawRecord;

/**
 * The raw input sources a workflow reads: Kafka in production, in-memory sources in tests. A job
 * that does not read a topic ignores its source.
 */
public record Inputs(
        Source<RawRecord, ?, ?> gps,
        Source<RawRecord, ?, ?> hotline,
        Source<RawRecord, ?, ?> iot,
        Source<RawRecord, ?, ?> reference) {

    public static Inputs kafka(JobSettings settings) {
        return new Inputs(
                KafkaIO.rawSource(settings, Topics.GPS),
                KafkaIO.rawSource(settings, Topics.HOTLINE),
                KafkaIO.rawSource(settings, Topics.IOT),
                KafkaIO.rawSource(settings, Topics.REFERENCE));
    }
}
