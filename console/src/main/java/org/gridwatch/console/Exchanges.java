package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reading requests and writing responses of the console: JSON bodies, JSON errors, content types.
 */
final class Exchanges {
    static final Map<String, String> TYPES =
            Map.of(
                    "html",
                    "text/html; charset=utf-8",
                    "js",
                    "text/javascript; charset=utf-8",
                    "css",
                    "text/css; charset=utf-8",
                    "png",
                    "image/png",
                    "svg",
                    "image/svg+xml",
                    "json",
                    "application/json; charset=utf-8");
    static final String JSON = TYPES.get("json");

    private Exchanges() {}

    static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new BadRequest("method " + actual + " not allowed here; use " + expected);
        }
    }

    static JsonNode body(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readNBytes(64 * 1024 + 1);
        if (bytes.length > 64 * 1024) {
            throw new BadRequest("request body larger than 64 KiB");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new BadRequest("request body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("request body is not valid JSON");
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadRequest("\"" + field + "\" must be a string");
        }
        return n.asText().isBlank() ? null : n.asText();
    }

    static int json(HttpExchange ex, int status, JsonNode body) throws IOException {
        return send(ex, status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static int error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode().put("status", status).put("error", message);
        try {
            return json(ex, status, o);
        } catch (IOException | IllegalStateException e) {
            return status; // headers already sent (SSE)
        }
    }

    static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            ex.getResponseBody().write(body);
        }
        return status;
    }
}
