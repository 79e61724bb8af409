package org.gridwatch.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Severity;

import java.io.IOException;
import java.util.Set;

import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;

/**
 * {@code GET /api/health}, {@code /api/config} and {@code /api/csrf}: what the pages ask once at
 * start (settings, enum labels, the CSRF token) and what a monitor polls, none of which reads alert
 * data.
 */
final class InfoEndpoints implements ApiEndpoints {
    private final EsReader es;
    private final AlertHub hub;
    private final CsrfGuard csrf;
    private final String tileUrl;
    private final boolean push;

    /** {@code push}: whether alerts arrive from Kafka; {@code tileUrl} may be null. */
    InfoEndpoints(EsReader es, AlertHub hub, CsrfGuard csrf, String tileUrl, boolean push) {
        this.es = es;
        this.hub = hub;
        this.csrf = csrf;
        this.tileUrl = tileUrl;
        this.push = push;
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        switch (path) {
            case "/api/health" -> {
                requireMethod(method, "GET");
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("elasticsearch", es.ping());
                o.put("push", push);
                o.put("liveListeners", hub.listenerCount());
                return json(ex, 200, o);
            }
            case "/api/csrf" -> {
                requireMethod(method, "GET");
                Params.parse(ex.getRequestURI().getRawQuery(), Set.of());
                return json(
                        ex,
                        200,
                        Json.MAPPER
                                .createObjectNode()
                                .put("header", CsrfGuard.HEADER)
                                .put("token", csrf.token()));
            }
            case "/api/config" -> {
                requireMethod(method, "GET");
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("tileUrl", tileUrl);
                o.put("push", push);
                ArrayNode types = o.putArray("alertTypes");
                for (AlertType t : AlertType.values()) {
                    types.addObject()
                            .put("id", t.name())
                            .put("zh", t.nameZh())
                            .put("en", t.nameEn());
                }
                ArrayNode sev = o.putArray("severities");
                for (Severity s : Severity.values()) {
                    sev.add(s.name());
                }
                return json(ex, 200, o);
            }
            default -> {
                return NOT_MINE;
            }
        }
    }
}
