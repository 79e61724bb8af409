package org.gridwatch.common.city.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small valid city near Minhang: two adjacent 1 km-ish grids, a construction site in the west
 * grid, a disposal site in the east one, a permit route between them, a school zone, a truck, an
 * officer and a camera. Tests write it to a directory and then break one thing in its files.
 */
final class TestCities {
    static final String WEST = "31011200100101";
    static final String EAST = "31011200100102";
    static final String TRUCK = "013900000001";
    static final String PERMIT = "ZY20260001";

    private TestCities() {}

    static City valid() {
        DailyWindow duty = DailyWindow.parse("07:00", "22:00");
        Grid west =
                new Grid(
                        WEST,
                        "310112",
                        "闵行区",
                        "001",
                        "莘庄镇",
                        "001",
                        "第1社区",
                        duty,
                        120,
                        box(121.40, 31.10, 121.41, 31.11));
        Grid east =
                new Grid(
                        EAST,
                        "310112",
                        "闵行区",
                        "001",
                        "莘庄镇",
                        "001",
                        "第1社区",
                        duty,
                        120,
                        box(121.41, 31.10, 121.42, 31.11));
        Site cs =
                new Site(
                        "CS001",
                        Site.Kind.CONSTRUCTION,
                        "工地1号",
                        box(121.402, 31.102, 121.403, 31.103));
        Site ds =
                new Site(
                        "DS01", Site.Kind.DISPOSAL, "消纳场1号", box(121.417, 31.107, 121.418, 31.108));
        Zone school =
                new Zone(
                        "PZ01",
                        Zone.Kind.PROHIBITED_TRUCK,
                        "学校周边",
                        DailyWindow.parse("06:00", "22:00"),
                        null,
                        box(121.405, 31.108, 121.406, 31.109));
        Permit permit =
                new Permit(
                        PERMIT,
                        TRUCK,
                        "沪A12345",
                        LocalDate.parse("2026-10-01"),
                        LocalDate.parse("2027-01-31"),
                        DailyWindow.parse("20:00", "06:00"),
                        "CS001",
                        "DS01",
                        GeoJson.FACTORY.createLineString(
                                new Coordinate[] {
                                    new Coordinate(121.4025, 31.1025),
                                    new Coordinate(121.4175, 31.1025),
                                    new Coordinate(121.4175, 31.1075)
                                }),
                        null);
        return new City(
                "Test city",
                "310112",
                31.105,
                121.41,
                ZoneId.of("Asia/Shanghai"),
                List.of(west, east),
                List.of(cs, ds),
                List.of(school),
                List.of(permit),
                List.of(new Truck(TRUCK, "沪A12345", "申城运输")),
                List.of(
                        new Officer(
                                "GW00001",
                                "网格员1",
                                "闵行区",
                                List.of(WEST, EAST),
                                DailyWindow.parse("07:00", "15:00"))),
                List.of(
                        new Device(
                                "CAM0001",
                                Device.Kind.CAMERA,
                                31.105,
                                121.405,
                                "SPOT0001",
                                WEST,
                                null)));
    }

    static Path write(City city, Path dir) {
        try {
            CityFiles.write(city, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Polygon box(double west, double south, double east, double north) {
        return GeoJson.FACTORY.createPolygon(
                new Coordinate[] {
                    new Coordinate(west, south),
                    new Coordinate(east, south),
                    new Coordinate(east, north),
                    new Coordinate(west, north),
                    new Coordinate(west, south)
                });
    }

    /** Rewrites one JSON file of the directory. */
    static void edit(Path dir, String file, Consumer<JsonNode> change) {
        try {
            JsonNode root = Json.MAPPER.readTree(dir.resolve(file).toFile());
            change.accept(root);
            Json.MAPPER.writeValue(dir.resolve(file).toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the feature with this id in a GeoJSON file. */
    static void editFeature(Path dir, String file, String id, Consumer<ObjectNode> change) {
        edit(
                dir,
                file,
                root ->
                        root.path("features")
                                .forEach(
                                        f -> {
                                            if (id.equals(f.path("id").asText())) {
                                                change.accept((ObjectNode) f);
                                            }
                                        }));
    }

    static ObjectNode props(ObjectNode feature) {
        return (ObjectNode) feature.path("properties");
    }

    /** A GeoJSON geometry from [lon, lat] pairs: a Polygon's single ring, or a LineString. */
    static ObjectNode geometry(String type, double... lonLat) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("type", type);
        ArrayNode positions = Json.MAPPER.createArrayNode();
        for (int i = 0; i < lonLat.length; i += 2) {
            positions.addArray().add(lonLat[i]).add(lonLat[i + 1]);
        }
        if (type.equals("Polygon")) {
            g.putArray("coordinates").add(positions);
        } else {
            g.set("coordinates", positions);
        }
        return g;
    }
}
