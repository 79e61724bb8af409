package org.gridwatch.common.city.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.GeoJson;
import org.locationtech.jts.geom.Coordinate;

import java.nio.file.Path;

/**
 * What the check takes from {@code city.json}: the centre, the bounds, and whether the time zone is
 * usable.
 *
 * @param bounds the box every position must lie in; null when neither bounds nor a usable centre
 *     are given
 */
record CityMeta(double centerLat, double centerLon, boolean centreUsable, CityBounds bounds) {
    static final String FILE = "city.json";

    static CityMeta read(Path dir, Problems problems) {
        Problems.At at = problems.at(FILE, null);
        JsonNode meta = CityCheck.readJson(dir.resolve(FILE), at);
        if (meta == null) {
            return new CityMeta(Double.NaN, Double.NaN, false, null);
        }
        if (!meta.isObject()) {
            at.error("not a JSON object");
            return new CityMeta(Double.NaN, Double.NaN, false, null);
        }
        String name = CityCheck.text(meta, "name");
        if (name == null || name.isBlank()) {
            at.warning("no name");
        }
        timeZone(CityCheck.text(meta, "timeZone"), at);
        JsonNode lat = meta.get("centerLat");
        JsonNode lon = meta.get("centerLon");
        boolean centreUsable = false;
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            at.error(
                    "centerLat and centerLon must be numbers (the centre of the city's local plane)");
        } else {
            centreUsable =
                    GeometryCheck.coordinatesInPlace(
                            GeoJson.FACTORY.createPoint(
                                    new Coordinate(lon.asDouble(), lat.asDouble())),
                            null,
                            problems.at(FILE, "centre"));
        }
        CityBounds bounds = bounds(meta.get("bounds"), at);
        if (bounds == null && centreUsable) {
            bounds = CityBounds.around(lat.asDouble(), lon.asDouble(), CityBounds.DEFAULT_REACH_KM);
        }
        return new CityMeta(
                centreUsable ? lat.asDouble() : Double.NaN,
                centreUsable ? lon.asDouble() : Double.NaN,
                centreUsable,
                bounds);
    }

    private static void timeZone(String id, Problems.At at) {
        if (id == null || id.isBlank()) {
            at.warning("no timeZone; Asia/Shanghai is assumed");
        } else if (!CityCheck.isIanaZone(id)) {
            at.error(
                    "timeZone '"
                            + id
                            + "' is not an IANA time zone id (such as Asia/Shanghai or Asia/Urumqi)");
        }
    }

    /** Optional {@code "bounds": [west, south, east, north]}; null when absent or unusable. */
    private static CityBounds bounds(JsonNode b, Problems.At at) {
        try {
            return CityBounds.fromJson(b);
        } catch (IllegalArgumentException e) {
            at.error(e.getMessage());
            return null;
        }
    }
}
