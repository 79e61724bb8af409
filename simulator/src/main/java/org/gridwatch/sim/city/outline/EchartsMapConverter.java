package org.gridwatch.sim.city.outline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.json.Json;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One-off conversion of a district outline from the map files of the ECharts 4 npm package
 * (province maps in ECharts' compressed GeoJSON and in GCJ-02) to plain GeoJSON in WGS-84, the
 * datum of GPS fixes. The result is committed ({@code simulator/src/main/resources/city/}); see the
 * NOTICE next to it.
 *
 * <pre>
 * npm pack echarts@4.9.0 &amp;&amp; tar xzf echarts-4.9.0.tgz package/map/json/province/shanghai.json
 * java -cp ... org.gridwatch.sim.city.outline.EchartsMapConverter package/map/json/province/shanghai.json 闵行区 310112 minhang-outline.geojson
 * </pre>
 */
public final class EchartsMapConverter {
    /** ECharts' quantisation: coordinates are integers of 1/1024 degree. */
    private static final double SCALE = 1024;

    private EchartsMapConverter() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println(
                    "usage: EchartsMapConverter ECHARTS_MAP_JSON DISTRICT_NAME ADCODE OUT_GEOJSON");
            System.exit(2);
        }
        JsonNode map = Json.MAPPER.readTree(Files.readAllBytes(Path.of(args[0])));
        Polygon outline = convert(map, args[1]);
        ObjectNode feature = Json.MAPPER.createObjectNode().put("type", "Feature");
        feature.putObject("properties")
                .put("name", args[1])
                .put("adcode", args[2])
                .put("datum", "WGS-84")
                .put(
                        "source",
                        "Apache ECharts 4.9.0, map/json/province/shanghai.json (GCJ-02), converted by EchartsMapConverter")
                .put("licence", "Apache License 2.0");
        feature.set("geometry", GeoJson.write(outline));
        Files.writeString(Path.of(args[3]), Json.MAPPER.writeValueAsString(feature) + "\n");
        System.out.printf(
                "%s: %d vertices written to %s%n", args[1], outline.getNumPoints(), args[3]);
    }

    /** The named feature's outer ring, decoded and moved from GCJ-02 to WGS-84. */
    public static Polygon convert(JsonNode echartsMap, String name) {
        for (JsonNode f : echartsMap.path("features")) {
            if (!name.equals(f.path("properties").path("name").asText())) {
                continue;
            }
            JsonNode g = f.path("geometry");
            if (!"Polygon".equals(g.path("type").asText())) {
                throw new IllegalArgumentException(
                        name
                                + " is a "
                                + g.path("type").asText()
                                + "; only single polygons are supported");
            }
            boolean encoded = echartsMap.path("UTF8Encoding").asBoolean(false);
            JsonNode ring = g.path("coordinates").get(0);
            List<double[]> gcj =
                    encoded
                            ? decode(
                                    ring.asText(),
                                    g.path("encodeOffsets").get(0).get(0).asInt(),
                                    g.path("encodeOffsets").get(0).get(1).asInt())
                            : plain(ring);
            Coordinate[] cs = new Coordinate[gcj.size() + 1];
            for (int i = 0; i < gcj.size(); i++) {
                double[] w = Gcj02.toWgs84(gcj.get(i)[0], gcj.get(i)[1]);
                cs[i] = new Coordinate(GeoJson.round(w[0]), GeoJson.round(w[1]));
            }
            cs[gcj.size()] = cs[0];
            LinearRing shell = GeoJson.FACTORY.createLinearRing(cs);
            Polygon p = GeoJson.FACTORY.createPolygon(shell);
            return p.isValid() ? p : (Polygon) p.buffer(0);
        }
        throw new IllegalArgumentException("no feature named " + name);
    }

    /**
     * ECharts' string encoding: each character pair is a delta from the previous point, in 1/1024
     * degree, zig-zag coded (sign in the lowest bit) and offset by 64 to stay printable.
     */
    static List<double[]> decode(String s, int startX, int startY) {
        List<double[]> out = new ArrayList<>();
        int x = startX;
        int y = startY;
        for (int i = 0; i + 1 < s.length(); i += 2) {
            x += unzigzag(s.charAt(i) - 64);
            y += unzigzag(s.charAt(i + 1) - 64);
            out.add(new double[] {x / SCALE, y / SCALE});
        }
        return out;
    }

    private static int unzigzag(int v) {
        return (v >> 1) ^ -(v & 1);
    }

    private static List<double[]> plain(JsonNode ring) {
        List<double[]> out = new ArrayList<>();
        ring.forEach(c -> out.add(new double[] {c.get(0).asDouble(), c.get(1).asDouble()}));
        return out;
    }
}
