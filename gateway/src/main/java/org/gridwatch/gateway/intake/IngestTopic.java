package org.gridwatch.gateway.intake;

import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.IotParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.RecordParser;

import java.time.ZoneId;

/**
 * An input topic the intake takes batches for, judged by the very parser the jobs run on it (with
 * their default limits), so a record the intake accepts is one the jobs accept. The Kafka key is
 * the one the topic's producers use: the case id for the hotline, the device id for IoT.
 */
public final class IngestTopic {
    private final String topic;
    private final String path;
    private final RecordParser<?> parser;

    private IngestTopic(String topic, String path, RecordParser<?> parser) {
        this.topic = topic;
        this.path = path;
        this.parser = parser;
    }

    public static IngestTopic hotline(ZoneId zone) {
        return new IngestTopic(
                IntakeConfig.HOTLINE_TOPIC,
                "/ingest/hotline",
                new HotlineParser(ParseLimits.DEFAULTS, zone));
    }

    public static IngestTopic iot(ZoneId zone) {
        return new IngestTopic(
                IntakeConfig.IOT_TOPIC, "/ingest/iot", new IotParser(ParseLimits.DEFAULTS, zone));
    }

    public String topic() {
        return topic;
    }

    public String path() {
        return path;
    }

    /** The record's Kafka key when the jobs would accept it; else the parser's reason. */
    public String keyOf(byte[] record) throws InvalidInputException {
        Object event = parser.parse(record);
        if (event instanceof HotlineEvent h) {
            return h.caseId();
        }
        if (event instanceof IotEvent i) {
            return i.deviceId();
        }
        throw new IllegalStateException("no key rule for " + event.getClass().getName());
    }
}
