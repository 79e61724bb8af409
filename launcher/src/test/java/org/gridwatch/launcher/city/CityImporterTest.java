package org.gridwatch.launcher.city;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.geo.Datum;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CityImporterTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir Path dir;

    static Path example() throws URISyntaxException {
        return Path.of(CityImporterTest.class.getResource("/city/example-gcj02").toURI());
    }

    static CityImporter.Inputs exampleInputs() throws URISyntaxException {
        Path e = example();
        return new CityImporter.Inputs(
                e.resolve("grids.csv"),
                e.resolve("sites.csv"),
                e.resolve("zones.geojson"),
                e.resolve("routes.csv"),
                e.resolve("trucks.csv"),
                e.resolve("officers.csv"),
                e.resolve("permits.csv"),
                e.resolve("devices.csv"));
    }

    @Test
    void theGcj02ExampleComesBackAsTheWgs84BoxesItWasMadeFrom() throws Exception {
        CityImporter.Result result =
                CityImporter.importCity(exampleInputs(), Datum.GCJ02, "莘庄", "310112", SHANGHAI);
        assertThat(result.problems()).isEmpty();
        City city = result.city();
        assertThat(city.grids())
                .extracting(Grid::gridCode)
                .containsExactly(
                        "31011200100101", "31011200100102", "31011200100103", "31011200100201");
        // The first grid was the box 121.37-121.38 E, 31.100-31.108 N before GCJ-02 and 6-decimal
        // rounding (10 cm).
        LocalProjection plane = new LocalProjection(31.1, 121.37);
        Coordinate[] ring = city.grids().get(0).polygon().getExteriorRing().getCoordinates();
        assertThat(metres(plane, ring[0], 121.37, 31.10)).isLessThan(0.15);
        assertThat(metres(plane, ring[2], 121.38, 31.108)).isLessThan(0.15);
        assertThat(city.centerLon()).isCloseTo(121.38, within(1e-5));
        assertThat(city.centerLat()).isCloseTo(31.108, within(1e-5));
    }

    @Test
    void gridCodesFillStreetAndCommunityAndChineseColumnsFillTheRest() throws Exception {
        City city =
                CityImporter.importCity(exampleInputs(), Datum.GCJ02, "莘庄", null, SHANGHAI).city();
        Grid g = city.grids().get(3);
        assertThat(g.districtCode()).isEqualTo("310112");
        assertThat(g.streetCode()).isEqualTo("001");
        assertThat(g.communityCode()).isEqualTo("002");
        assertThat(g.streetName()).isEqualTo("莘庄镇");
        assertThat(g.communityName()).isEqualTo("第二社区");
        assertThat(g.duty()).isEqualTo(DailyWindow.parse("07:00", "22:00"));
        assertThat(city.districtCode()).isEqualTo("310112");
    }

    @Test
    void permitsFindTheirTruckByPlateAndTheirSitesByName() throws Exception {
        City city =
                CityImporter.importCity(exampleInputs(), Datum.GCJ02, "莘庄", "310112", SHANGHAI)
                        .city();
        Permit p = city.permits().get(0);
        assertThat(p.truckId()).isEqualTo("013900000001");
        assertThat(p.plate()).as("written as trucks.csv has it").isEqualTo("沪A·D1234");
        assertThat(p.sourceSiteId()).isEqualTo("CS001");
        assertThat(p.disposalSiteId()).isEqualTo("DS01");
        assertThat(p.validFrom()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(p.validTo()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(p.hours()).isEqualTo(DailyWindow.parse("20:00", "06:00"));
        assertThat(p.route().getNumPoints()).isEqualTo(4);
        assertThat(city.sites())
                .extracting(Site::kind)
                .containsExactly(Site.Kind.CONSTRUCTION, Site.Kind.DISPOSAL);
        Zone school = city.zones().get(0);
        assertThat(school.kind()).isEqualTo(Zone.Kind.PROHIBITED_TRUCK);
        assertThat(school.closedHours()).isEqualTo(DailyWindow.parse("06:00", "22:00"));
        assertThat(city.officers().get(0).gridCodes())
                .containsExactly("31011200100101", "31011200100102");
        assertThat(city.devices().get(0).gridCode())
                .as("found by position")
                .isEqualTo("31011200100102");
    }

    @Test
    void rowsThatCannotBeImportedAreLeftOutAndNamed() throws Exception {
        Path permits =
                Files.writeString(
                        dir.resolve("permits.csv"),
                        "许可证号,车牌号,有效期起,有效期止,准运时段,工地编号,消纳场编号\n"
                                + "ZY1,沪AD1234,2026-10-01,2027-01-31,夜间,CS001,DS01\n"
                                + "ZY2,沪Z99999,2026-10-01,2027-01-31,20:00-06:00,CS001,DS01\n"
                                + "ZY3,沪AD1234,2026-10-01,2027-01-31,20:00-06:00,CS001,DS01\n",
                        StandardCharsets.UTF_8);
        Path sites =
                Files.writeString(
                        dir.resolve("sites.csv"),
                        "工地编号,工地名称,wkt\nCS001,某工地,\"POLYGON ((121.37 31.10, 121.38 31.10, 121.38 31.11))\"\n",
                        StandardCharsets.UTF_8);
        CityImporter.Inputs in = exampleInputs();
        CityImporter.Result result =
                CityImporter.importCity(
                        new CityImporter.Inputs(
                                in.grids(),
                                sites,
                                null,
                                in.routes(),
                                in.trucks(),
                                null,
                                permits,
                                null),
                        Datum.GCJ02,
                        "x",
                        null,
                        SHANGHAI);
        assertThat(result.problems())
                .extracting(Problem::line)
                .containsExactly(
                        "ERROR sites.csv row 2 (CS001): geometry cannot be read: Points of LinearRing do not form a closed linestring",
                        "ERROR permits.csv row 2 (ZY1): hours '夜间' is not a time range like 20:00-06:00",
                        "ERROR permits.csv row 3 (ZY2): no truckId (终端号), and plate 沪Z99999 is not among the trucks imported",
                        "ERROR permits.csv row 4 (ZY3): no route: give a geometry column (WKT LineString) or a --routes file with this permit id");
        assertThat(result.city().permits()).isEmpty();
    }

    private static double metres(LocalProjection p, Coordinate c, double lon, double lat) {
        return Math.hypot(p.x(c.x) - p.x(lon), p.y(c.y) - p.y(lat));
    }

    /**
     * Issue 19: the address table, with Chinese headers, in the input's datum; a door without a
     * grid code gets the grid around it.
     */
    @Test
    void anAddressTableIsImportedInWgs84WithItsGrid() throws Exception {
        double[] gcj = Datum.GCJ02.fromWgs84(121.375, 31.104); // inside the first grid
        Path csv = dir.resolve("门牌地址.csv");
        Files.writeString(
                csv,
                "门牌编号,标准地址,经度,纬度,所属网格\n"
                        + "MH-1,上海市闵行区莘松路123弄4号,"
                        + gcj[0]
                        + ","
                        + gcj[1]
                        + ",\n"
                        + "MH-2,七莘路88号,"
                        + gcj[0]
                        + ","
                        + gcj[1]
                        + ",31011200100201\n"
                        + "MH-3,,121.3,31.1,\n",
                StandardCharsets.UTF_8);
        CityImporter.Inputs e = exampleInputs();
        CityImporter.Result result =
                CityImporter.importCity(
                        new CityImporter.Inputs(
                                e.grids(),
                                e.sites(),
                                e.zones(),
                                e.routes(),
                                e.trucks(),
                                e.officers(),
                                e.permits(),
                                e.devices(),
                                csv),
                        Datum.GCJ02,
                        "莘庄",
                        "310112",
                        SHANGHAI);
        City city = result.city();
        assertThat(city.addresses()).hasSize(2);
        var first = city.addresses().get(0);
        assertThat(first.text()).isEqualTo("上海市闵行区莘松路123弄4号");
        assertThat(first.lon()).isCloseTo(121.375, within(1e-6));
        assertThat(first.lat()).isCloseTo(31.104, within(1e-6));
        assertThat(first.gridCode()).isEqualTo("31011200100101");
        assertThat(city.addresses().get(1).gridCode()).isEqualTo("31011200100201");
        assertThat(result.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("MH-3").contains("address"));
    }
}
