package org.gridwatch.launcher.city;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.city.check.CityCheck;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.geo.Datum;
import org.gridwatch.common.geo.LocalProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code city import --shops}: a shop table as city platforms export it, Chinese headers and GCJ-02
 * positions, into shops on file in WGS-84.
 */
class ShopImportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String WEST = "31011200100101";
    private static final String EAST = "31011200100102";

    @TempDir Path dir;

    /** A WGS-84 position as the GCJ-02 WKT pair a Chinese map platform would export. */
    private static String gcj(double lon, double lat) {
        double[] g = Datum.GCJ02.fromWgs84(lon, lat);
        return String.format(Locale.ROOT, "%.7f %.7f", g[0], g[1]);
    }

    private CityImporter.Inputs inputs(Path shops) throws Exception {
        CityImporter.Inputs e = CityImporterTest.exampleInputs();
        return new CityImporter.Inputs(
                e.grids(),
                e.sites(),
                e.zones(),
                e.routes(),
                e.trucks(),
                e.officers(),
                e.permits(),
                e.devices(),
                null,
                shops);
    }

    private Path csv(String name, String... lines) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private static double metres(Coordinate c, double lon, double lat) {
        return LocalProjection.haversineMetres(c.y, c.x, lat, lon);
    }

    @Test
    void aCsvWithChineseHeadersImportsInWgs84WithGridsFilled() throws Exception {
        Path shops =
                csv(
                        "门店.csv",
                        "门店编号,店招名称,统一社会信用代码,门牌地址,经营类别,网格编码,门面",
                        "SHOP-0001,老李面馆,91310112ma1gb12347,莘松路125号,餐饮,,\"POINT ("
                                + gcj(121.3752, 31.1021)
                                + ")\"",
                        "SHOP-0002,便民五金,310112000123456,莘松路131号,零售,"
                                + EAST
                                + ",\"LINESTRING ("
                                + gcj(121.3752, 31.1031)
                                + ", "
                                + gcj(121.3753, 31.1031)
                                + ")\"",
                        "SHOP-0003,两个门面的店,,,,,\"LINESTRING ("
                                + gcj(121.3850, 31.1031)
                                + ", "
                                + gcj(121.3852, 31.1031)
                                + ")\"");

        CityImporter.Result result =
                CityImporter.importCity(inputs(shops), Datum.GCJ02, "莘庄", "310112", SHANGHAI);

        assertThat(result.problems()).isEmpty();
        Map<String, Shop> byId =
                result.city().shops().stream()
                        .collect(Collectors.toMap(Shop::shopId, Function.identity()));
        Shop noodles = byId.get("SHOP-0001");
        assertThat(noodles.name()).isEqualTo("老李面馆");
        assertThat(noodles.licence()).isEqualTo("91310112MA1GB12347");
        assertThat(noodles.address()).isEqualTo("莘松路125号");
        assertThat(noodles.category()).isEqualTo("餐饮");
        // no grid in the file: the grid the frontage lies in
        assertThat(noodles.gridCode()).isEqualTo(WEST);
        assertThat(metres(noodles.frontage().getCoordinate(), 121.3752, 31.1021)).isLessThan(0.15);

        Shop hardware = byId.get("SHOP-0002");
        assertThat(hardware.frontage().getGeometryType()).isEqualTo("LineString");
        assertThat(metres(hardware.frontage().getCoordinates()[1], 121.3753, 31.1031))
                .isLessThan(0.15);
        // the file's grid is kept, even where city check will then warn it is another
        assertThat(hardware.gridCode()).isEqualTo(EAST);
        assertThat(hardware.licence()).isEqualTo("310112000123456");

        Shop twoDoors = byId.get("SHOP-0003");
        assertThat(twoDoors.name()).isEqualTo("两个门面的店");
        assertThat(twoDoors.gridCode()).isEqualTo(EAST);
        assertThat(twoDoors.licence()).isNull();
    }

    @Test
    void theOtherHeadersAndALonLatPairAlsoImport() throws Exception {
        double[] g = Datum.GCJ02.fromWgs84(121.3752, 31.1021);
        Path shops =
                csv(
                        "shops.csv",
                        "店铺编号,店名,营业执照号,地址,行业,网格,经度,纬度",
                        String.format(
                                Locale.ROOT,
                                "SHOP-0009,阿强水果,,莘松路9号,零售,%s,%.7f,%.7f",
                                WEST,
                                g[0],
                                g[1]));
        City city =
                CityImporter.importCity(inputs(shops), Datum.GCJ02, "莘庄", null, SHANGHAI).city();
        Shop s = city.shops().get(0);
        assertThat(s.shopId()).isEqualTo("SHOP-0009");
        assertThat(s.frontage().getGeometryType()).isEqualTo("Point");
        assertThat(metres(s.frontage().getCoordinate(), 121.3752, 31.1021)).isLessThan(0.15);
    }

    @Test
    void aBd09FrontageComesBackInWgs84() throws Exception {
        double[] a = Datum.BD09.fromWgs84(121.3752, 31.1021);
        double[] b = Datum.BD09.fromWgs84(121.3753, 31.1021);
        Path shops =
                csv(
                        "shops.csv",
                        "门店编号,店名,WKT",
                        String.format(
                                Locale.ROOT,
                                "SHOP-0001,百度地图上画的,\"LINESTRING (%.7f %.7f, %.7f %.7f)\"",
                                a[0],
                                a[1],
                                b[0],
                                b[1]));
        // shops alone: the example's grids are in GCJ-02, and one import reads one datum
        CityImporter.Result result =
                CityImporter.importCity(
                        new CityImporter.Inputs(
                                null, null, null, null, null, null, null, null, null, shops),
                        Datum.BD09,
                        "莘庄",
                        null,
                        SHANGHAI);
        assertThat(result.problems()).isEmpty();
        Coordinate[] c = result.city().shops().get(0).frontage().getCoordinates();
        assertThat(metres(c[0], 121.3752, 31.1021)).isLessThan(0.15);
        assertThat(metres(c[1], 121.3753, 31.1021)).isLessThan(0.15);
        assertThat(result.city().shops().get(0).gridCode()).isNull();
    }

    @Test
    void aRowWithoutAFrontageOrWithAnAreaIsAnErrorAndLeftOut() throws Exception {
        Path shops =
                csv(
                        "shops.csv",
                        "门店编号,店名,WKT",
                        "SHOP-0001,好的,\"POINT (" + gcj(121.3752, 31.1021) + ")\"",
                        "SHOP-0002,没有门面,",
                        "SHOP-0003,一块地,\"POLYGON ((121.375 31.102, 121.376 31.102, 121.376 31.103, 121.375 31.102))\"",
                        ",没有编号,\"POINT (" + gcj(121.3752, 31.1021) + ")\"");
        CityImporter.Result result =
                CityImporter.importCity(inputs(shops), Datum.GCJ02, "莘庄", null, SHANGHAI);
        assertThat(result.city().shops()).extracting(Shop::shopId).containsExactly("SHOP-0001");
        assertThat(result.problems().stream().map(Problem::line))
                .containsExactly(
                        "ERROR shops.csv row 3 (SHOP-0002): no geometry (a WKT column such as 'geometry' or 'wkt', or a GeoJSON geometry)",
                        "ERROR shops.csv row 4 (SHOP-0003): geometry is a Polygon, not a Point or a LineString (or lon/lat columns)",
                        "ERROR shops.csv row 5: no shopId");
    }

    @Test
    void importedShopsAreWrittenAndPassCityCheck() throws Exception {
        Path shops =
                csv(
                        "shops.csv",
                        "门店编号,店名,统一社会信用代码,门面",
                        "SHOP-0001,老李面馆,91310112MA1GB12347,\"POINT ("
                                + gcj(121.3752, 31.1021)
                                + ")\"",
                        "SHOP-0002,错码,91310112MA1GB12348,\"POINT ("
                                + gcj(121.3762, 31.1021)
                                + ")\"");
        City city =
                CityImporter.importCity(inputs(shops), Datum.GCJ02, "莘庄", "310112", SHANGHAI)
                        .city();
        Path out = dir.resolve("city");
        CityFiles.write(city, out);
        // written with 6 decimals (10 cm), as every position of a city directory
        assertThat(CityFiles.read(out).shops())
                .extracting(Shop::shopId, Shop::licence, Shop::gridCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "SHOP-0001", "91310112MA1GB12347", WEST),
                        org.assertj.core.groups.Tuple.tuple(
                                "SHOP-0002", "91310112MA1GB12348", WEST));
        List<String> shopProblems =
                CityCheck.check(out).stream()
                        .filter(p -> p.file().equals(CityFiles.SHOPS))
                        .map(Problem::line)
                        .toList();
        assertThat(shopProblems)
                .containsExactly(
                        "WARNING shops.geojson feature SHOP-0002: licence 91310112MA1GB12348 is 18 characters but not a valid unified social credit code (GB 32100-2015 check character)");
    }
}
