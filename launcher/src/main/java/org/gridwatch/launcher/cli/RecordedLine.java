package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

import java.time.OffsetDateTime;

/**
 * The Kafka key and event time of one recorded line, read leniently: a line that does not parse, or
 * whose time cannot be a Kafka timestamp (before 1970, as a 1900-01-01 date of a real export;
 * beyond what epoch milliseconds hold), still gets sent (at the previous line's time) so the job
 * can dead-letter it with a reason. Nothing in a line stops a replay.
 *
 * @param eventTime epoch ms, or Long.MIN_VALUE when the line has no readable time in Kafka's range
 */
record RecordedLine(String key, long eventTime) {
    /** No usable time. */
    static final long NO_TIME = Long.MIN_VALUE;

    /**
     * The Kafka timestamp to send this line at: its own time when it has one, else the previous
     * line's ({@code previous}, or now when there was none yet).
     */
    long sendTime(long previous) {
        if (eventTime != NO_TIME) {
            return eventTime;
        }
        return previous != NO_TIME ? previous : System.currentTimeMillis();
    }

    static RecordedLine of(String line, String topic) {
        JsonNode n;
        try {
            n = Json.read(line);
        } catch (IllegalArgumentException e) {
            return new RecordedLine(null, NO_TIME);
        }
        return new RecordedLine(key(n, topic), time(n.get("time")));
    }

    private static String key(JsonNode n, String topic) {
        String field =
                switch (topic) {
                    case Topics.GPS -> "entityId";
                    case Topics.HOTLINE -> "caseId";
                    case Topics.IOT -> "deviceId";
                    default -> null;
                };
        if (field == null) {
            return n.hasNonNull("kind") && n.hasNonNull("id")
                    ? n.get("kind").asText() + ":" + n.get("id").asText()
                    : null;
        }
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static long time(JsonNode t) {
        if (t == null || t.isNull()) {
            return NO_TIME;
        }
        long ms;
        if (t.isIntegralNumber()) {
            if (!t.canConvertToLong()) {
                return NO_TIME;
            }
            ms = t.asLong();
        } else {
            try {
                ms = OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
            } catch (RuntimeException e) {
                return NO_TIME; // not a date-time, or one beyond what epoch milliseconds hold
            }
        }
        // Kafka refuses negative timestamps: a time before 1970 is the job's to dead-letter, not a
        // reason to stop.
        return ms < 0 ? NO_TIME : ms;
    }
}
