package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;
import org.gridwatch.common.model.EntityType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;
import static org.gridwatch.console.Exchanges.send;

/**
 * {@code GET /api/grids} and {@code /api/positions}: the live map's base layer (the city's grids)
 * and the latest officer and truck positions on it.
 */
final class MapEndpoints implements ApiEndpoints {
    private final EsReader es;
    private final Path cityDir;

    /** {@code cityDir} may be null: the map then has no grids. */
    MapEndpoints(EsReader es, Path cityDir) {
        this.es = es;
        this.cityDir = cityDir;
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        switch (path) {
            case "/api/grids" -> {
                requireMethod(ex.getRequestMethod(), "GET");
                Path f = cityDir == null ? null : cityDir.resolve("grids.geojson");
                if (f == null || !Files.isRegularFile(f)) {
                    return send(
                            ex,
                            200,
                            Exchanges.JSON,
                            "{\"type\":\"FeatureCollection\",\"features\":[]}"
                                    .getBytes(StandardCharsets.UTF_8));
                }
                return send(ex, 200, Exchanges.JSON, Files.readAllBytes(f));
            }
            case "/api/positions" -> {
                requireMethod(ex.getRequestMethod(), "GET");
                Params p =
                        Params.parse(
                                ex.getRequestURI().getRawQuery(), Set.of("entityType", "district"));
                EntityType type = p.enumValue("entityType", EntityType.class);
                return json(
                        ex,
                        200,
                        es.positions(type == null ? null : type.name(), p.name("district")));
            }
            default -> {
                return NOT_MINE;
            }
        }
    }
}
