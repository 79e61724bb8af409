package org.gridwatch.common.kafka;

import org.gridwatch.common.model.DeadLetter;

import java.util.List;

/**
 * The Kafka topics GridWatch reads and writes, with the partition counts the local stack creates.
 *
 * <p>Partitions are sized for a 2-core node up to a megacity's ~3,000 events/s: GPS is the bulk of
 * the traffic and gets the most, reference data must stay totally ordered and gets one.
 */
public final class Topics {
    public static final String GPS = "gridwatch.gps";
    public static final String HOTLINE = "gridwatch.hotline";
    public static final String IOT = "gridwatch.iot";
    public static final String REFERENCE = "gridwatch.reference";
    public static final String ALERTS = "gridwatch.alerts";
    public static final String DEAD_LETTER = "gridwatch.deadletter";

    /**
     * Every Elasticsearch write the detections make (alert, position and aggregate documents),
     * keyed by index and id and compacted: the indexer job takes them into Elasticsearch, so an
     * Elasticsearch outage never holds back the detections or the alert topic.
     */
    public static final String DOCUMENTS = "gridwatch.documents";

    /** A topic and how many partitions the local stack gives it. */
    public record TopicSpec(String name, int partitions) {}

    public static final List<TopicSpec> ALL =
            List.of(
                    new TopicSpec(GPS, 4),
                    new TopicSpec(HOTLINE, 2),
                    new TopicSpec(IOT, 2),
                    new TopicSpec(REFERENCE, 1),
                    new TopicSpec(ALERTS, 2),
                    new TopicSpec(DEAD_LETTER, 1),
                    new TopicSpec(DOCUMENTS, 4));

    public static final List<String> INPUTS = List.of(GPS, HOTLINE, IOT, REFERENCE);

    private Topics() {}

    /**
     * The key of a dead letter on {@link #DEAD_LETTER}: source topic/partition/offset, so that when
     * several jobs (or the gateway) reject the same record a compacted topic keeps one copy.
     */
    public static String deadLetterKey(DeadLetter dl) {
        return dl.offset() >= 0
                ? dl.sourceTopic() + "/" + dl.partition() + "/" + dl.offset()
                : dl.sourceTopic()
                        + "/"
                        + dl.reasonCode()
                        + "/"
                        + Integer.toHexString(dl.original().hashCode());
    }
}
