package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.city.check.GeometryCheck;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.city.check.Problems;
import org.gridwatch.common.city.check.ShopChecks;
import org.gridwatch.common.model.ReasonCodes;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsSimpleOp;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a reference object for its effect before it replaces the one in force: the same geometry
 * rules as {@code city check} ({@link GeometryCheck}: valid, not self-intersecting, within the
 * city's bounds, at most {@value GeometryCheck#MAX_VERTICES} vertices), plus simple routes (JTS
 * {@link IsSimpleOp}: a route crossing itself is a digitising error), the geometry type of the
 * kind, devices and addresses within the city, a permit's dates and speed limit, and a shop's
 * frontage (a Point or a LineString of at most {@link ShopChecks#MAX_FRONTAGE_M} m). Failures are
 * {@link ReferenceRejected} with {@code bad_geometry} or {@code bad_reference}.
 */
final class ReferenceChecks {
    private static final Set<String> POLYGON = Set.of("Polygon");
    private static final Set<String> ZONE_TYPES = Set.of("Polygon", "MultiPolygon");
    private static final Set<String> ROUTE = Set.of("LineString");
    private static final Set<String> FRONTAGE = Set.of("Point", "LineString");

    /** city check's bound on a permit's speed limit (README, "What city check reports"). */
    static final double MAX_SPEED_LIMIT_KMH = 120;

    private ReferenceChecks() {}

    /**
     * Checks the payload of an UPSERT of {@code kind}; kinds without a geometry or rule need no
     * more than decoding.
     */
    static void check(String kind, String id, JsonNode payload, CityBounds bounds) {
        switch (kind) {
            case "GRID", "SITE" -> geometry(kind, id, payload, POLYGON, "polygon", bounds);
            case "ZONE" -> geometry(kind, id, payload, ZONE_TYPES, "polygon", bounds);
            case "PERMIT" -> geometry(kind, id, payload, ROUTE, "route", bounds);
            case "DEVICE" -> position("DEVICE", "a device", payload, bounds);
            case "ADDRESS" -> position("ADDRESS", "an address", payload, bounds);
            case "SHOP" -> frontage(geometry(kind, id, payload, FRONTAGE, "frontage", bounds));
            default -> {
                // TRUCK, OFFICER: no geometry; decoding checks the required fields
            }
        }
    }

    /**
     * The permit's own values once decoded: valid dates in order, a speed limit city check accepts.
     */
    static void permit(Permit p) {
        if (p.validTo().isBefore(p.validFrom())) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_REFERENCE,
                    "validTo " + p.validTo() + " is before validFrom " + p.validFrom());
        }
        Double limit = p.speedLimitKmh();
        if (limit != null && !(limit > 0 && limit <= MAX_SPEED_LIMIT_KMH)) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_REFERENCE,
                    "speedLimitKmh " + limit + " is not in (0, " + (int) MAX_SPEED_LIMIT_KMH + "]");
        }
    }

    /** A frontage longer than a shop front would attract every detection along a street. */
    private static void frontage(Geometry frontage) {
        if (frontage == null) {
            return;
        }
        double m = ShopChecks.frontageMetres(frontage);
        if (m > ShopChecks.MAX_FRONTAGE_M) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_GEOMETRY,
                    String.format(
                            Locale.ROOT,
                            "frontage is %.0f m long; at most %.0f m",
                            m,
                            ShopChecks.MAX_FRONTAGE_M));
        }
    }

    /** The checked geometry, or null when the payload has none (decoding reports that). */
    private static Geometry geometry(
            String kind,
            String id,
            JsonNode payload,
            Set<String> types,
            String noun,
            CityBounds bounds) {
        JsonNode g = payload.path("geometry");
        if (g.isMissingNode() || g.isNull()) {
            return null; // decoding names what is missing (bad_reference)
        }
        String type = g.path("type").asText();
        if (!types.contains(type)) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_GEOMETRY,
                    String.format(
                            Locale.ROOT,
                            "a %s's geometry must be a %s, got %s",
                            kind.toLowerCase(Locale.ROOT),
                            String.join(" or ", types.stream().sorted().toList()),
                            type.isEmpty() ? "none" : clip(type)));
        }
        Geometry geometry;
        try {
            geometry = GeoJson.read(g);
        } catch (RuntimeException e) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_GEOMETRY, "unreadable " + noun + ": " + e.getMessage());
        }
        Problems problems = new Problems();
        GeometryCheck.check(geometry, noun, bounds, problems.at(kind, id));
        firstError(problems.list());
        if (geometry.getDimension() == 1 && !new IsSimpleOp(geometry).isSimple()) {
            Coordinate c = new IsSimpleOp(geometry).getNonSimpleLocation();
            throw new ReferenceRejected(
                    ReasonCodes.BAD_GEOMETRY,
                    noun + " crosses itself" + (c == null ? "" : " at " + GeometryCheck.point(c)));
        }
        return geometry;
    }

    private static void position(String kind, String noun, JsonNode payload, CityBounds bounds) {
        JsonNode lat = payload.get("lat");
        JsonNode lon = payload.get("lon");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_GEOMETRY, noun + " needs numeric lat and lon");
        }
        Problems problems = new Problems();
        GeometryCheck.check(
                GeoJson.FACTORY.createPoint(new Coordinate(lon.asDouble(), lat.asDouble())),
                "position",
                bounds,
                problems.at(kind, null));
        firstError(problems.list());
    }

    private static void firstError(List<Problem> problems) {
        problems.stream()
                .filter(Problem::isError)
                .findFirst()
                .ifPresent(
                        p -> {
                            throw new ReferenceRejected(ReasonCodes.BAD_GEOMETRY, p.message());
                        });
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
