package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.AlertType;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.gridwatch.console.Exchanges.body;
import static org.gridwatch.console.Exchanges.error;
import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;
import static org.gridwatch.console.Exchanges.text;

/**
 * {@code GET/POST /api/webhooks} and {@code DELETE /api/webhooks/{id}}: registering the receivers
 * alerts are pushed to. A new target is checked against the allow-list here, before it is stored,
 * so that a refused URL never reaches the hub.
 */
final class WebhookEndpoints implements ApiEndpoints {
    private static final Pattern WEBHOOK_PATH =
            Pattern.compile("/api/webhooks/([A-Za-z0-9-]{1,64})");

    private final AlertHub hub;
    private final WebhookTargetPolicy policy;

    WebhookEndpoints(AlertHub hub, WebhookTargetPolicy policy) {
        this.hub = hub;
        this.policy = policy;
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        Matcher w = WEBHOOK_PATH.matcher(path);
        if (w.matches()) {
            requireMethod(method, "DELETE");
            return hub.removeWebhook(w.group(1))
                    ? json(ex, 200, Json.MAPPER.createObjectNode().put("deleted", w.group(1)))
                    : error(ex, 404, "no webhook '" + w.group(1) + "'");
        }
        if (!path.equals("/api/webhooks")) {
            return NOT_MINE;
        }
        if (method.equals("GET")) {
            return json(ex, 200, hub.describeWebhooks());
        }
        requireMethod(method, "POST");
        return json(ex, 201, add(body(ex)));
    }

    private ObjectNode add(JsonNode body) throws IOException {
        String url = text(body, "url");
        if (url == null) {
            throw new BadRequest("body must have \"url\": the http(s) URL to POST alerts to");
        }
        policy.check(url);
        String secret = text(body, "secret");
        if (secret != null && (secret.length() < 16 || secret.length() > 256)) {
            throw new BadRequest("\"secret\" must be 16-256 characters");
        }
        Set<String> districts = new LinkedHashSet<>();
        for (JsonNode d : body.path("districts")) {
            districts.add(Params.checkName("each district", d.asText()));
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode t : body.path("types")) {
            try {
                types.add(AlertType.valueOf(t.asText()).name());
            } catch (IllegalArgumentException e) {
                throw new BadRequest(
                        "unknown alert type in \"types\"; allowed: "
                                + Arrays.toString(AlertType.values()));
            }
        }
        return AlertHub.describe(hub.addWebhook(districts, types, url, secret));
    }
}
