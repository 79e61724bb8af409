package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Set;

import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;

/**
 * {@code GET /api/hotspots}, {@code /api/coverage} and {@code /api/kpis}: the read-only aggregates
 * of the managers' tab, apart from the operators' alert endpoints because they share nothing but
 * Elasticsearch.
 */
final class StatsEndpoints implements ApiEndpoints {
    private final EsReader es;

    StatsEndpoints(EsReader es) {
        this.es = es;
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        switch (path) {
            case "/api/hotspots" -> {
                requireMethod(ex.getRequestMethod(), "GET");
                Params p = Params.parse(query, Set.of("district", "category", "days"));
                return json(
                        ex,
                        200,
                        es.hotspots(
                                p.name("district"),
                                p.name("category"),
                                p.intValue("days", 1, 366, 30)));
            }
            case "/api/coverage" -> {
                requireMethod(ex.getRequestMethod(), "GET");
                Params p = Params.parse(query, Set.of("district", "days"));
                return json(
                        ex, 200, es.coverage(p.name("district"), p.intValue("days", 1, 366, 7)));
            }
            case "/api/kpis" -> {
                requireMethod(ex.getRequestMethod(), "GET");
                Params p = Params.parse(query, Set.of("district", "days"));
                return json(ex, 200, es.kpis(p.name("district"), p.intValue("days", 1, 366, 30)));
            }
            default -> {
                return NOT_MINE;
            }
        }
    }
}
