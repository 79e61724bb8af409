package org.gridwatch.jobs.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReasonCodes;

/**
 * Dead letters of the case job. The record's Kafka coordinates are gone by the time a case decides,
 * so the original is the event re-encoded in the {@code gridwatch.hotline} format (replayable as it
 * is), with partition and offset -1 and the ticket id as key.
 */
final class CaseDeadLetters {
    private CaseDeadLetters() {}

    /** A lifecycle step or repeat for a case the job does not know ({@code unknown_case}). */
    static DeadLetter unknownCase(HotlineEvent e, String caseId, String why, long now) {
        return new DeadLetter(
                ReasonCodes.UNKNOWN_CASE,
                e.kind()
                        + " "
                        + e.eventId()
                        + " at "
                        + Json.iso(e.eventTime())
                        + " for case "
                        + caseId
                        + ": "
                        + why,
                Topics.HOTLINE,
                -1,
                -1L,
                e.caseId(),
                Json.text(encode(e)),
                "utf8",
                now);
    }

    /** The event as a {@code gridwatch.hotline} record. */
    static ObjectNode encode(HotlineEvent e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("caseId", e.caseId());
        n.put("kind", e.kind().name());
        n.put("time", Json.iso(e.eventTime()));
        putIfSet(n, "channel", e.channel());
        putIfSet(n, "category", e.category());
        if (Double.isFinite(e.lat()) && Double.isFinite(e.lon())) {
            n.put("lat", e.lat());
            n.put("lon", e.lon());
        }
        putIfSet(n, "district", e.district());
        putIfSet(n, "gridCode", e.gridCode());
        if (e.timeLimitMinutes() != null) {
            n.put("timeLimitMinutes", e.timeLimitMinutes());
        }
        putIfSet(n, "spotId", e.spotId());
        putIfSet(n, "text", e.text());
        putIfSet(n, "address", e.address());
        return n;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
