package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer of the intake: status, body and content type, and the outcome label it is counted
 * under.
 */
public record Answer(int status, byte[] body, String contentType, String outcome) {
    public static Answer json(int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of plain values", e);
        }
        return new Answer(status, bytes, "application/json; charset=utf-8", outcomeOf(status));
    }

    /** Open311's error shape, {@code [{"code":N,"description":"..."}]}. */
    public static Answer open311Error(int status, String description) {
        return json(status, Open311Mapping.error(status, description));
    }

    /** The ingest endpoints' error shape, {@code {"error":"...","field":"..."}}. */
    public static Answer ingestError(int status, String message, String field) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", message);
        if (field != null) {
            n.put("field", field);
        }
        return json(status, n);
    }

    public static Answer text(int status, String text, String contentType) {
        return new Answer(
                status, text.getBytes(StandardCharsets.UTF_8), contentType, outcomeOf(status));
    }

    static String outcomeOf(int status) {
        return switch (status) {
            case 200, 201 -> "ok";
            case 400, 415 -> "bad_request";
            case 401 -> "unauthorized";
            case 404, 405 -> "not_found";
            case 413 -> "too_large";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
