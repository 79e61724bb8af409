package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

/**
 * The Kafka key and event time of one recorded line, read leniently: a line that does not parse
 * still gets sent (keyless, at the previous line's time) so the job can dead-letter it with a reason.
 *
 * @param eventTime epoch ms, or Long.MIN_VALUE when the line has no readable time
 */
record RecordedLine(String key, long eventTime) {
    static RecordedLine of(String line, String topic) {
        JsonNode n;
        try {
            n = Json.read(line);
        } catch (IllegalArgumentException e) {
            return new RecordedLine(null, Long.MIN_VALUE);
        }
        return new RecordedLine(key(n, topic), time(n.get("time")));
    }

    private static String key(JsonNode n, String topic) {
        String field = switch (topic) {
            case Topics.GPS -> "entityId";
            case Topics.HOTLINE -> "caseId";
            case Topics.IOT -> "deviceId";
            default -> null;
        };
        if (field == null) {
            return n.hasNonNull("kind") && n.hasNonNull("id") ? n.get("kind").asText() + ":" + n.get("id").asText() : null;
        }
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static long time(JsonNode t) {
        if (t == null || t.isNull()) {
            return Long.MIN_VALUE;
        }
        if (t.isIntegralNumber()) {
            return t.asLong();
        }
        try {
            return OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
