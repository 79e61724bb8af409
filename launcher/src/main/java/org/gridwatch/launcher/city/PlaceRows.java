package org.gridwatch.launcher.city;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.city.check.ShopChecks;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.util.List;
import java.util.Map;

import static org.gridwatch.launcher.city.CityImporter.required;

/**
 * Turns the rows of the tables that put things on the map (grids, sites, zones, devices, addresses)
 * and shops into reference objects. Platforms leave much of a row implicit, so this is where the
 * gaps are filled: a grid's district, street and community from its GB/T 30428.1 code, a site's
 * kind from which name column it has, a device's, an address's or a shop's grid from where it
 * stands (a shop's: the grid containing its frontage's midpoint).
 */
final class PlaceRows {
    private final RowShapes shapes;

    PlaceRows(RowShapes shapes) {
        this.shapes = shapes;
    }

    Grid grid(InputRow r, String districtCodeOption) {
        String gridCode = required(r, "gridCode");
        // GB/T 30428.1 codes are district (6) + street (3) + community (3) + sequence (2): fill
        // what the file leaves out.
        boolean standard = gridCode.matches("\\d{14}");
        String district =
                r.values()
                        .getOrDefault(
                                "districtCode",
                                districtCodeOption != null
                                        ? districtCodeOption
                                        : standard ? gridCode.substring(0, 6) : "000000");
        String street =
                r.values().getOrDefault("streetCode", standard ? gridCode.substring(6, 9) : "000");
        String community =
                r.values()
                        .getOrDefault(
                                "communityCode", standard ? gridCode.substring(9, 12) : "000");
        int maxGap =
                r.has("maxGapMinutes")
                        ? Fields.wholeNumber("maxGapMinutes", r.get("maxGapMinutes"))
                        : CityImporter.DEFAULT_MAX_GAP_MINUTES;
        return new Grid(
                gridCode,
                district,
                r.values().getOrDefault("districtName", district),
                street,
                r.values().getOrDefault("streetName", street),
                community,
                r.values().getOrDefault("communityName", community),
                Fields.window(r, "duty", "dutyStart", "dutyEnd", CityImporter.DEFAULT_DUTY),
                maxGap,
                shapes.polygon(r));
    }

    Site site(InputRow r) {
        String id = required(r, "siteId");
        Site.Kind kind;
        if (r.has("kind")) {
            kind =
                    Fields.kind(
                            "kind",
                            r.get("kind"),
                            Site.Kind.class,
                            Map.of(
                                    Site.Kind.CONSTRUCTION,
                                    List.of("工地", "construction"),
                                    Site.Kind.DISPOSAL,
                                    List.of("消纳", "disposal"),
                                    Site.Kind.DEPOT,
                                    List.of("停车场", "车场", "depot")));
        } else if (r.has("constructionSiteName") != r.has("disposalSiteName")) {
            kind = r.has("constructionSiteName") ? Site.Kind.CONSTRUCTION : Site.Kind.DISPOSAL;
        } else {
            throw new IllegalArgumentException(
                    "no kind (类型): CONSTRUCTION (工地), DISPOSAL (消纳场) or DEPOT (停车场)");
        }
        String name =
                r.values()
                        .getOrDefault(
                                "name",
                                r.values()
                                        .getOrDefault(
                                                "constructionSiteName",
                                                r.values().getOrDefault("disposalSiteName", id)));
        return new Site(id, kind, name, shapes.polygon(r));
    }

    Zone zone(InputRow r) {
        String id = required(r, "zoneId");
        Zone.Kind kind =
                Fields.kind(
                        "kind",
                        required(r, "kind"),
                        Zone.Kind.class,
                        Map.of(
                                Zone.Kind.PROHIBITED_TRUCK,
                                List.of("禁行", "prohibited"),
                                Zone.Kind.NOISE_CLASS,
                                List.of("噪声", "声环境", "noise")));
        DailyWindow closed = Fields.window(r, "closedHours", "closedFrom", "closedTo", null);
        Geometry area = shapes.area(r);
        return new Zone(
                id, kind, r.values().getOrDefault("name", id), closed, r.get("noiseClass"), area);
    }

    /**
     * A door of the address table (门牌地址库); its grid, when the file names none, is the one
     * containing it.
     */
    Address address(InputRow r, List<Grid> grids) {
        String id = required(r, "addressId");
        String text = required(r, "address");
        double[] w = shapes.lonLat(r);
        return new Address(
                id,
                text,
                w[1],
                w[0],
                r.get("gridCode") != null ? r.get("gridCode") : gridAt(grids, w));
    }

    /**
     * A shop on file (一店一档). The licence is kept as written but for blanks and case: a unified
     * social credit code is upper-case by standard, and Excel exports lower-case it at times.
     */
    Shop shop(InputRow r, List<Grid> grids) {
        String id = required(r, "shopId");
        Geometry frontage = shapes.frontage(r);
        String licence = r.get("licence");
        if (licence != null) {
            licence = licence.replaceAll("\\s", "");
            licence = licence.length() == 18 ? licence.toUpperCase(java.util.Locale.ROOT) : licence;
        }
        return new Shop(
                id,
                r.values().getOrDefault("name", id),
                licence,
                r.get("address"),
                r.get("category"),
                frontage,
                r.get("gridCode") != null ? r.get("gridCode") : ShopChecks.gridOf(frontage, grids));
    }

    Device device(InputRow r, List<Grid> grids) {
        String id = required(r, "deviceId");
        Device.Kind kind =
                Fields.kind(
                        "kind",
                        required(r, "kind"),
                        Device.Kind.class,
                        Map.of(
                                Device.Kind.CAMERA,
                                List.of("摄像", "视频", "camera"),
                                Device.Kind.NOISE_SENSOR,
                                List.of("噪声", "noise")));
        double[] w = shapes.lonLat(r);
        String gridCode = r.get("gridCode") != null ? r.get("gridCode") : gridAt(grids, w);
        return new Device(id, kind, w[1], w[0], r.get("spotId"), gridCode, r.get("noiseClass"));
    }

    private static String gridAt(List<Grid> grids, double[] lonLat) {
        Point at = GeoJson.FACTORY.createPoint(new Coordinate(lonLat[0], lonLat[1]));
        return grids.stream()
                .filter(g -> g.polygon().covers(at))
                .map(Grid::gridCode)
                .findFirst()
                .orElse(null);
    }
}
