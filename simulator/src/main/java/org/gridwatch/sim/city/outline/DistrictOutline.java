package org.gridwatch.sim.city.outline;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.json.Json;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A district's real outline (WGS-84 GeoJSON Feature on the class path), which the generated city's
 * grids are laid over.
 */
public final class DistrictOutline {
    private DistrictOutline() {}

    public static Polygon load(String resource) {
        try (InputStream in = DistrictOutline.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "district outline " + resource + " is not on the class path");
            }
            JsonNode feature = Json.MAPPER.readTree(in);
            return GeoJson.readPolygon(feature.path("geometry"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read district outline " + resource, e);
        }
    }
}
