package org.gridwatch.common.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The one Jackson configuration for everything GridWatch writes (alerts, documents, dead letters).
 */
public final class Json {
    /** Thread-safe once configured; shared because ObjectMapper construction is expensive. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** ISO-8601 UTC text of an epoch-ms instant; dashboards and people read these. */
    public static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /** Puts a {lat, lon} object under {@code field}, or null when either is not a finite number. */
    public static void putLocation(ObjectNode node, String field, double lat, double lon) {
        if (Double.isFinite(lat) && Double.isFinite(lon)) {
            ObjectNode loc = node.putObject(field);
            loc.put("lat", lat);
            loc.put("lon", lon);
        } else {
            node.putNull(field);
        }
    }

    public static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of plain values", e);
        }
    }

    /**
     * Parses JSON text; unreadable text is an {@link IllegalArgumentException} naming the problem.
     */
    public static com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String text(ObjectNode node) {
        return node.toString();
    }
}
