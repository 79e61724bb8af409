package org.gridwatch.jobs;

import java.util.Set;
import org.apache.flink.api.connector.source.Source;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaIO;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.RawRecord;

/**
 * The raw input sources a workflow reads: Kafka in production, in-memory sources in tests. A source
 * is null when the job does not read that topic.
 */
public record Inputs(
        Source<RawRecord, ?, ?> gps,
        Source<RawRecord, ?, ?> hotline,
        Source<RawRecord, ?, ?> iot,
        Source<RawRecord, ?, ?> reference) {

    /** All four input topics. */
    public static Inputs kafka(JobSettings settings) {
        return kafka(settings, Set.of(Topics.GPS, Topics.HOTLINE, Topics.IOT, Topics.REFERENCE));
    }

    /** Only the named topics; the others stay null and are not read. */
    public static Inputs kafka(JobSettings settings, Set<String> topics) {
        return new Inputs(
                topics.contains(Topics.GPS) ? KafkaIO.rawSource(settings, Topics.GPS) : null,
                topics.contains(Topics.HOTLINE) ? KafkaIO.rawSource(settings, Topics.HOTLINE) : null,
                topics.contains(Topics.IOT) ? KafkaIO.rawSource(settings, Topics.IOT) : null,
                topics.contains(Topics.REFERENCE) ? KafkaIO.rawSource(settings, Topics.REFERENCE) : null);
    }
}
