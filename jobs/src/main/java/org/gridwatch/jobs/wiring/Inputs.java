package org.gridwatch.jobs.wiring;

import org.apache.flink.api.connector.source.Source;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.kafka.KafkaIO;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.RawRecord;

import java.util.Set;

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
        return kafka(settings, Set.copyOf(Topics.INPUTS));
    }

    /** Only the named topics; the others stay null and are not read. */
    public static Inputs kafka(JobSettings settings, Set<String> topics) {
        return new Inputs(
                topics.contains(Topics.GPS) ? KafkaIO.rawSource(settings, Topics.GPS) : null,
                topics.contains(Topics.HOTLINE)
                        ? KafkaIO.rawSource(settings, Topics.HOTLINE)
                        : null,
                topics.contains(Topics.IOT) ? KafkaIO.rawSource(settings, Topics.IOT) : null,
                topics.contains(Topics.REFERENCE)
                        ? KafkaIO.rawSource(settings, Topics.REFERENCE)
                        : null);
    }

    /**
     * The source of one input topic ({@link Topics#INPUTS}), or null when the job does not read it.
     */
    public Source<RawRecord, ?, ?> source(String topic) {
        return switch (topic) {
            case Topics.GPS -> gps;
            case Topics.HOTLINE -> hotline;
            case Topics.IOT -> iot;
            case Topics.REFERENCE -> reference;
            default ->
                    throw new IllegalArgumentException(
                            topic + " is not an input topic (" + Topics.INPUTS + ")");
        };
    }

    /**
     * These inputs without the topics outside {@code topics}: a source nobody reads would still be
     * consumed and parsed, and its records would only feed the dead letters.
     */
    public Inputs only(Set<String> topics) {
        return new Inputs(
                topics.contains(Topics.GPS) ? gps : null,
                topics.contains(Topics.HOTLINE) ? hotline : null,
                topics.contains(Topics.IOT) ? iot : null,
                topics.contains(Topics.REFERENCE) ? reference : null);
    }
}
