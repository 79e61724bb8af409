package org.gridwatch.common.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * RFC 7946 geometries to and from JTS: Point, LineString, Polygon and MultiPolygon, which is all
 * the city's reference data uses (MultiLineString is also read, for imports). Positions are
 * [longitude, latitude] in WGS-84, rounded to 1e-7 degrees (about 1 cm) so written files stay small
 * and stable.
 */
public final class GeoJson {
    public static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJson() {}

    public static ObjectNode write(Geometry g) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (g instanceof Point p) {
            n.put("type", "Point");
            n.set("coordinates", position(p.getCoordinate()));
        } else if (g instanceof LineString l) {
            n.put("type", "LineString");
            n.set("coordinates", positions(l.getCoordinates()));
        } else if (g instanceof Polygon p) {
            n.put("type", "Polygon");
            n.set("coordinates", rings(p));
        } else if (g instanceof MultiPolygon mp) {
            n.put("type", "MultiPolygon");
            ArrayNode polys = n.putArray("coordinates");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                polys.add(rings((Polygon) mp.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        return n;
    }

    public static Geometry read(JsonNode n) {
        String type = n.path("type").asText();
        JsonNode c = n.path("coordinates");
        return switch (type) {
            case "Point" -> FACTORY.createPoint(coordinate(c));
            case "LineString" -> FACTORY.createLineString(coordinates(c));
            // Read (never written) so that imports and checks can name it; GIS exports often use it
            // for one line.
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    lines[i] = FACTORY.createLineString(coordinates(c.get(i)));
                }
                yield FACTORY.createMultiLineString(lines);
            }
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] polys = new Polygon[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    polys[i] = polygon(c.get(i));
                }
                yield FACTORY.createMultiPolygon(polys);
            }
            default ->
                    throw new IllegalArgumentException(
                            "unsupported GeoJSON geometry type '" + type + "'");
        };
    }

    public static Polygon readPolygon(JsonNode n) {
        Geometry g = read(n);
        if (!(g instanceof Polygon p)) {
            throw new IllegalArgumentException("expected a Polygon, got " + g.getGeometryType());
        }
        return p;
    }

    public static LineString readLineString(JsonNode n) {
        Geometry g = read(n);
        if (!(g instanceof LineString l)) {
            throw new IllegalArgumentException("expected a LineString, got " + g.getGeometryType());
        }
        return l;
    }

    private static Polygon polygon(JsonNode rings) {
        if (rings.size() == 0) {
            throw new IllegalArgumentException("a polygon needs an outer ring");
        }
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(coordinates(rings.get(i)));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode rings = Json.MAPPER.createArrayNode();
        rings.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] cs) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Coordinate c : cs) {
            a.add(position(c));
        }
        return a;
    }

    private static ArrayNode position(Coordinate c) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        a.add(round(c.x));
        a.add(round(c.y));
        return a;
    }

    public static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    private static Coordinate coordinate(JsonNode p) {
        if (p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException(
                    "a GeoJSON position is [longitude, latitude], got " + p);
        }
        return new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }

    private static Coordinate[] coordinates(JsonNode a) {
        Coordinate[] cs = new Coordinate[a.size()];
        for (int i = 0; i < a.size(); i++) {
            cs[i] = coordinate(a.get(i));
        }
        return cs;
    }
}
