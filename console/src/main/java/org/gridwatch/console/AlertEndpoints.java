package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.MeterRegistry;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Severity;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.gridwatch.console.Exchanges.body;
import static org.gridwatch.console.Exchanges.error;
import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;
import static org.gridwatch.console.Exchanges.text;

/**
 * {@code GET /api/alerts}, {@code GET /api/alerts/{id}} and the operator actions {@code POST
 * /api/alerts/{id}/ack|close}: the alert feed and detail of the operators' page, and the only
 * endpoints that write to Elasticsearch.
 */
final class AlertEndpoints implements ApiEndpoints {
    private static final Pattern ALERT_PATH = Pattern.compile("/api/alerts/([^/]+)(/(ack|close))?");

    private final EsReader es;
    private final MeterRegistry metrics;

    AlertEndpoints(EsReader es, MeterRegistry metrics) {
        this.es = es;
        this.metrics = metrics;
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        if (path.equals("/api/alerts")) {
            return list(ex);
        }
        Matcher m = ALERT_PATH.matcher(path);
        if (!m.matches() || path.equals("/api/alerts/")) {
            return NOT_MINE;
        }
        String method = ex.getRequestMethod();
        String query = ex.getRequestURI().getRawQuery();
        String id = Params.id(m.group(1));
        if (m.group(3) == null) {
            requireMethod(method, "GET");
            Params.parse(query, Set.of());
            ObjectNode alert = es.alert(id);
            return alert == null
                    ? error(ex, 404, "no alert with id '" + id + "'")
                    : json(ex, 200, alert);
        }
        requireMethod(method, "POST");
        Params.parse(query, Set.of());
        JsonNode body = body(ex);
        String operator = Params.checkName("operator", text(body, "operator"));
        if (operator == null) {
            throw new BadRequest("body must have \"operator\": the name of the operator");
        }
        String note = text(body, "note");
        if (note != null && note.length() > 1000) {
            throw new BadRequest("note must be at most 1000 characters");
        }
        if (es.alert(id) == null) {
            return error(ex, 404, "no alert with id '" + id + "'");
        }
        String state = m.group(3).equals("ack") ? "ACKNOWLEDGED" : "CLOSED";
        metrics.counter("gridwatch_console_operator_actions", "state", state).increment();
        return json(ex, 200, es.act(id, state, operator, note));
    }

    private int list(HttpExchange ex) throws IOException {
        requireMethod(ex.getRequestMethod(), "GET");
        Params p =
                Params.parse(
                        ex.getRequestURI().getRawQuery(),
                        Set.of("type", "district", "severity", "status", "size"));
        return json(
                ex,
                200,
                es.alerts(
                        new EsReader.AlertFilter(
                                p.enumValue("type", AlertType.class),
                                p.name("district"),
                                p.enumValue("severity", Severity.class),
                                p.oneOf("status", List.of("open", "closed", "all"), "open"),
                                p.intValue("size", 1, 1000, 200))));
    }
}
