package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;
import org.gridwatch.common.model.AlertType;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.gridwatch.console.Exchanges.requireMethod;

/**
 * {@code GET /api/stream}: turns the request's filter into a subscription and hands the exchange to
 * the SSE hub. Not an {@link ApiEndpoints} group, because the server must know whether the hub took
 * the exchange over (then it must not close it).
 */
final class LiveStreamEndpoint {
    static final String PATH = "/api/stream";

    private final SseHub sse;

    LiveStreamEndpoint(SseHub sse) {
        this.sse = sse;
    }

    /**
     * Server-sent events: one "alert" event per matching alert update, a comment every 15 s as
     * keep-alive. True when the SSE hub took the exchange over; false when it has no room.
     */
    boolean open(HttpExchange ex) throws IOException {
        requireMethod(ex.getRequestMethod(), "GET");
        Params p = Params.parse(ex.getRequestURI().getRawQuery(), Set.of("district", "type"));
        return sse.open(
                ex,
                new Subscription(
                        "live", setOf(p.name("district")), setOf(typeName(p)), null, null));
    }

    private static String typeName(Params p) {
        AlertType t = p.enumValue("type", AlertType.class);
        return t == null ? null : t.name();
    }

    private static Set<String> setOf(String v) {
        Set<String> s = new HashSet<>();
        if (v != null) {
            s.add(v);
        }
        return s;
    }
}
