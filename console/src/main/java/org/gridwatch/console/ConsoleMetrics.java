package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The console's Prometheus registry, the request timer and {@code GET /metrics}. Kept apart from
 * the server so that the rule keeping the {@code route} tag bounded sits next to the timer it
 * protects.
 */
final class ConsoleMetrics implements ApiEndpoints, AutoCloseable {
    private static final Set<String> ROUTES =
            Set.of(
                    "/api/health",
                    "/api/config",
                    "/api/csrf",
                    "/api/grids",
                    "/api/positions",
                    "/api/alerts",
                    "/api/hotspots",
                    "/api/shops",
                    "/api/coverage",
                    "/api/kpis",
                    "/api/stream",
                    "/api/webhooks",
                    "/metrics");

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The registry the hubs and the webhook sender count into. */
    MeterRegistry registry() {
        return registry;
    }

    void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    Timer.Sample startRequest() {
        return Timer.start(registry);
    }

    void requestDone(Timer.Sample sample, String path, int status) {
        sample.stop(
                registry.timer(
                        "gridwatch_console_http_requests",
                        "route",
                        route(path),
                        "status",
                        Integer.toString(status)));
    }

    /**
     * The metrics route: known paths, templates for ids, one bucket for the rest (bounded tag
     * values).
     */
    private static String route(String path) {
        if (path.startsWith("/api/alerts/")) {
            return "/api/alerts/{id}";
        }
        if (path.startsWith("/api/shops/")) {
            return "/api/shops/{id}";
        }
        if (path.startsWith("/api/webhooks/")) {
            return "/api/webhooks/{id}";
        }
        if (ROUTES.contains(path)) {
            return path;
        }
        return path.startsWith("/api/") ? "/api/other" : "static";
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        if (!path.equals("/metrics")) {
            return NOT_MINE;
        }
        return Exchanges.send(
                ex,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        registry.close();
    }
}
