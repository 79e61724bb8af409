package org.gridwatch.common.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.model.Position;

import java.util.Map;

/**
 * The JSON shapes GridWatch publishes: alerts (Kafka topic and Elasticsearch), dead letters and
 * positions. One place, so that the topic schema, the index template and the console agree.
 */
public final class Documents {
    private Documents() {}

    public static ObjectNode alert(Alert a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("alertId", a.alertId());
        n.put("type", a.type().name());
        n.put("status", a.status().name());
        n.put("revision", a.revision());
        n.put("severity", a.severity().name());
        n.put("level", a.level());
        ObjectNode levels = n.putObject("levelTimes");
        if (a.levelTimes() != null) {
            for (Map.Entry<String, Long> e : a.levelTimes().entrySet()) {
                levels.put(e.getKey(), Json.iso(e.getValue()));
            }
        }
        n.put("episodeStart", Json.iso(a.episodeStart()));
        if (a.episodeEnd() > 0) {
            n.put("episodeEnd", Json.iso(a.episodeEnd()));
        } else {
            n.putNull("episodeEnd");
        }
        n.put("eventTime", Json.iso(a.eventTime()));
        n.put("detectedAt", Json.iso(a.detectedAt()));
        n.put("entityType", a.entityType());
        n.put("entityId", a.entityId());
        n.put("gridCode", a.gridCode());
        n.put("district", a.district());
        Json.putLocation(n, "location", a.lat(), a.lon());
        n.put("messageZh", a.messageZh());
        n.put("messageEn", a.messageEn());
        ObjectNode attrs = n.putObject("attributes");
        if (a.attributes() != null) {
            a.attributes().forEach(attrs::put);
        }
        ArrayNode ev = n.putArray("evidence");
        if (a.evidence() != null) {
            for (Evidence e : a.evidence()) {
                ObjectNode en = ev.addObject();
                en.put("kind", e.kind());
                en.put("ref", e.ref());
                en.put("eventTime", Json.iso(e.eventTime()));
                Json.putLocation(en, "location", e.lat(), e.lon());
                en.put("detail", e.detail());
            }
        }
        ArrayNode near = n.putArray("nearestOfficers");
        for (NearbyOfficer o : a.nearestOfficers()) {
            ObjectNode on = near.addObject();
            on.put("officerId", o.officerId());
            on.put("name", o.name());
            on.put("distanceM", Math.round(o.distanceM() * 10) / 10.0);
            on.put("fixTime", Json.iso(o.fixTime()));
            on.put("fixAgeSeconds", o.fixAgeSeconds());
            Json.putLocation(on, "location", o.lat(), o.lon());
        }
        return n;
    }

    /**
     * Characters of a dead letter's original kept in the document. A dead letter must always fit in
     * one Kafka record (1 MB by default): an oversized input once made a 2 MB dead letter, whose
     * write failed the job again at every restart. 64 Ki characters keep every record within {@code
     * --max-record-bytes}'s default whole, and stay under 400 KB even when every character needs a
     * six-byte JSON escape.
     */
    public static final int DEAD_LETTER_ORIGINAL_LIMIT = 65_536;

    private static final int DEAD_LETTER_TEXT_LIMIT = 2_000;

    public static ObjectNode deadLetter(DeadLetter d) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("reasonCode", d.reasonCode());
        n.put("reason", cut(d.reason(), DEAD_LETTER_TEXT_LIMIT));
        n.put("sourceTopic", cut(d.sourceTopic(), DEAD_LETTER_TEXT_LIMIT));
        n.put("partition", d.partition());
        n.put("offset", d.offset());
        n.put("key", cut(d.key(), DEAD_LETTER_TEXT_LIMIT));
        String original = d.original() == null ? "" : d.original();
        if (original.length() > DEAD_LETTER_ORIGINAL_LIMIT) {
            int keep = DEAD_LETTER_ORIGINAL_LIMIT;
            if ("base64".equals(d.originalEncoding())) {
                keep -= keep % 4; // still valid base64: whole groups of four
            } else if (Character.isHighSurrogate(original.charAt(keep - 1))) {
                keep--;
            }
            n.put("original", original.substring(0, keep));
            n.put("originalTruncated", true);
            n.put("originalLength", original.length());
        } else {
            n.put("original", original);
        }
        n.put("originalEncoding", d.originalEncoding());
        n.put("failedAt", Json.iso(d.failedAt()));
        return n;
    }

    private static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int keep = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, keep) + "… (" + text.length() + " characters)";
    }

    public static ObjectNode position(Position p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("entityId", p.entityId());
        n.put("entityType", p.entityType().name());
        n.put("eventTime", Json.iso(p.eventTime()));
        Json.putLocation(n, "location", p.lat(), p.lon());
        n.put("speedKmh", p.speedKmh());
        n.put("heading", p.heading());
        n.put("plate", p.plate());
        n.put("source", p.source());
        return n;
    }
}
