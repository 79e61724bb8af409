package org.gridwatch.common.city.check;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.reference.CityUpdates;
import org.gridwatch.common.reference.ReferenceRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gridwatch.common.city.check.TestCities.EAST;
import static org.gridwatch.common.city.check.TestCities.WEST;

/**
 * Shops on file (一店一档) through the city directory: {@code shops.geojson} read and written, {@code
 * city check}'s shop rules, and the SHOP updates {@code city publish} sends.
 */
class ShopFilesTest {
    @TempDir Path dir;

    static final Shop NOODLES =
            new Shop(
                    "SHOP-0001",
                    "老李面馆",
                    "91310112MA1GB12347",
                    "莘松路125号",
                    "餐饮",
                    point(121.4051, 31.1052),
                    WEST);

    /** A 12 m frontage along an east-west street in the east grid. */
    static final Shop HARDWARE =
            new Shop(
                    "SHOP-0002",
                    "便民五金",
                    null,
                    null,
                    "零售",
                    line(121.4150, 31.1050, 121.415126, 31.1050),
                    EAST);

    static Geometry point(double lon, double lat) {
        return GeoJson.FACTORY.createPoint(new Coordinate(lon, lat));
    }

    static Geometry line(double... lonLat) {
        Coordinate[] c = new Coordinate[lonLat.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        return GeoJson.FACTORY.createLineString(c);
    }

    static City withShops(Shop... shops) {
        City c = TestCities.valid();
        return new City(
                c.name(),
                c.districtCode(),
                c.centerLat(),
                c.centerLon(),
                c.zone(),
                c.grids(),
                c.sites(),
                c.zones(),
                c.permits(),
                c.trucks(),
                c.officers(),
                c.devices(),
                c.addresses(),
                List.of(shops));
    }

    private List<String> check(Shop... shops) throws IOException {
        TestCities.write(withShops(shops), dir);
        return CityCheck.check(dir).stream().map(Problem::line).toList();
    }

    private static Shop with(Shop s, String id, Geometry frontage, String licence, String grid) {
        return new Shop(id, s.name(), licence, s.address(), s.category(), frontage, grid);
    }

    @Test
    void shopsRoundTripThroughTheCityDirectory() throws IOException {
        City city = withShops(NOODLES, HARDWARE);
        CityFiles.write(city, dir);
        assertThat(dir.resolve(CityFiles.SHOPS)).isRegularFile();

        City back = CityFiles.read(dir);
        assertThat(back.shops()).containsExactly(NOODLES, HARDWARE);
        assertThat(back.shops().get(1).frontage().getGeometryType()).isEqualTo("LineString");
        assertThat(back.shops().get(1).licence()).isNull();
        assertThat(back).isEqualTo(city);
    }

    @Test
    void aShopWithoutGridIsReadWithoutGridNotFilledIn() throws IOException {
        // decided: loading keeps the files as they are (city import fills the grid, city check
        // warns), so a directory reads back exactly as it was written
        Shop noGrid = with(NOODLES, "SHOP-0008", NOODLES.frontage(), null, null);
        CityFiles.write(withShops(noGrid), dir);
        assertThat(CityFiles.read(dir).shops()).containsExactly(noGrid);
        assertThat(CityReference.of(CityFiles.read(dir)).shops().get("SHOP-0008").gridCode())
                .isNull();
    }

    @Test
    void aCityWithoutShopsWritesNoShopFileAndReadsAsNoShops() throws IOException {
        CityFiles.write(TestCities.valid(), dir);
        assertThat(dir.resolve(CityFiles.SHOPS)).doesNotExist();
        assertThat(CityFiles.read(dir).shops()).isEmpty();
    }

    @Test
    void anUnreadableShopFileNamesTheFile() throws IOException {
        CityFiles.write(withShops(NOODLES), dir);
        Files.writeString(
                dir.resolve(CityFiles.SHOPS),
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.40,31.10],[121.401,31.10],"
                        + "[121.401,31.101],[121.40,31.10]]]},\"properties\":{\"shopId\":\"S\",\"name\":\"n\"}}]}");
        IOException e = catchThrowableOfType(IOException.class, () -> CityFiles.read(dir));
        assertThat(e.getMessage()).contains(CityFiles.SHOPS, "Point or a LineString");
    }

    @Test
    void validShopsHaveNoProblems() throws IOException {
        assertThat(check(NOODLES, HARDWARE)).isEmpty();
    }

    @Test
    void reportsEveryShopProblemOneALine() throws IOException {
        List<String> lines =
                check(
                        NOODLES,
                        with(NOODLES, "SHOP-0001", point(121.4052, 31.1052), null, WEST),
                        with(NOODLES, "SHOP-0003", point(125.0, 31.1), null, WEST),
                        with(
                                HARDWARE,
                                "SHOP-0004",
                                line(121.4100, 31.1050, 121.4130, 31.1050),
                                null,
                                EAST),
                        with(NOODLES, "SHOP-0005", point(121.4051, 31.1053), null, "310112999"),
                        with(
                                NOODLES,
                                "SHOP-0006",
                                point(121.4051, 31.1054),
                                "91310112MA1GB12348",
                                WEST),
                        with(HARDWARE, "SHOP-0007", point(121.4151, 31.1051), null, null));
        assertThat(lines)
                .contains(
                        "ERROR shops.geojson feature SHOP-0001: shop id SHOP-0001 is not unique: 2 features use it (#1, #2)",
                        "ERROR shops.geojson feature SHOP-0004: frontage is 286 m long; at most 200 m (a shop front, not a street)",
                        "ERROR shops.geojson feature SHOP-0005: grid 310112999 is not in grids.geojson",
                        "WARNING shops.geojson feature SHOP-0006: licence 91310112MA1GB12348 is 18 characters but not a valid unified social credit code (GB 32100-2015 check character)",
                        "WARNING shops.geojson feature SHOP-0007: no gridCode; its frontage lies in grid "
                                + EAST);
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "ERROR shops.geojson feature SHOP-0003: position (125.000000 31.100000) lies outside the city's bounds"));
        // 7 shops, 6 problems: a licence that is not 18 characters (an old 15-digit number) is
        // not checked, nor is an absent one
        assertThat(lines).hasSize(6);
    }

    @Test
    void aPolygonFrontageIsAnError() throws IOException {
        TestCities.write(withShops(NOODLES), dir);
        TestCities.editFeature(
                dir,
                CityFiles.SHOPS,
                NOODLES.shopId(),
                f ->
                        f.set(
                                "geometry",
                                TestCities.geometry(
                                        "Polygon", 121.405, 31.105, 121.406, 31.105, 121.406,
                                        31.106, 121.405, 31.105)));
        assertThat(CityCheck.check(dir).stream().map(Problem::line))
                .containsExactly(
                        "ERROR shops.geojson feature SHOP-0001: frontage is a Polygon, not a LineString or Point");
    }

    @Test
    void aGridCodeTheFrontageDoesNotLieInIsAWarning() throws IOException {
        assertThat(check(with(NOODLES, "SHOP-0009", NOODLES.frontage(), null, EAST)))
                .containsExactly(
                        "WARNING shops.geojson feature SHOP-0009: gridCode is "
                                + EAST
                                + " but its frontage lies in grid "
                                + WEST);
    }

    @Test
    void theMidpointOfALineFrontageIsHalfwayAlongIt() {
        Geometry l = line(121.40, 31.10, 121.41, 31.10, 121.41, 31.12);
        Coordinate mid = ShopChecks.midpoint(l).getCoordinate();
        assertThat(mid.x).isCloseTo(121.41, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(mid.y).isCloseTo(31.105, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(
                        ShopChecks.gridOf(
                                line(121.409, 31.105, 121.413, 31.105, 121.414, 31.105),
                                TestCities.valid().grids()))
                .isEqualTo(EAST);
    }

    @Test
    void unifiedSocialCreditCodesAreCheckedByTheirCheckCharacter() {
        // constructed: the 18th character computed from the first 17 by GB 32100-2015
        for (String valid :
                List.of(
                        "91310112MA1GB12347",
                        "91110000600037341L",
                        "52310000MJ4900000G",
                        "12100000400000624D")) {
            assertThat(ShopChecks.validUscc(valid)).as(valid).isTrue();
            assertThat(ShopChecks.validUscc(valid.toLowerCase())).as(valid).isTrue();
            String body = valid.substring(0, 17);
            char check = valid.charAt(17);
            char other = check == '0' ? '1' : '0';
            assertThat(ShopChecks.validUscc(body + other)).as(body + other).isFalse();
        }
        // a swapped pair of characters changes the sum (weights differ)
        assertThat(ShopChecks.validUscc("91310112MA1GB21347")).isFalse();
        // I, O, S, V, Z are not code characters
        assertThat(ShopChecks.validUscc("91310112MA1GB1234O")).isFalse();
        assertThat(ShopChecks.validUscc("9131011IMA1GB12347")).isFalse();
        assertThat(ShopChecks.validUscc("310112000123456")).isFalse();
        assertThat(ShopChecks.usccCheckChar("91310112MA1GB1234")).isEqualTo('7');
    }

    @Test
    void cityUpdatesPublishShopsThatTheReferenceApplies() {
        City city = withShops(NOODLES, HARDWARE);
        List<ReferenceUpdate> updates = CityUpdates.of(city, 0);
        List<ReferenceUpdate> shops =
                updates.stream().filter(u -> u.kind().equals("SHOP")).toList();
        assertThat(shops)
                .extracting(CityUpdates::key)
                .containsExactly("SHOP:SHOP-0001", "SHOP:SHOP-0002");

        CityReference ref = new CityReference(city.zone());
        long before = ref.shopsVersion();
        for (ReferenceUpdate u : updates) {
            ref.apply(u);
        }
        assertThat(ref.shops()).containsOnlyKeys("SHOP-0001", "SHOP-0002");
        assertThat(ref.shops().get("SHOP-0002")).isEqualTo(HARDWARE);
        assertThat(ref.shopsVersion()).isGreaterThan(before);
    }

    @Test
    void aShopUpdateIsRefusedForItsFrontage() {
        City city = withShops(NOODLES);
        CityReference ref = CityReference.of(city);
        ReferenceUpdate ok =
                CityUpdates.of(city, 0).stream()
                        .filter(u -> u.kind().equals("SHOP"))
                        .findFirst()
                        .orElseThrow();

        List<String> refused = new ArrayList<>();
        for (String payload :
                List.of(
                        // 286 m along a street
                        ok.payload()
                                .replace(
                                        "{\"type\":\"Point\",\"coordinates\":[121.4051,31.1052]}",
                                        "{\"type\":\"LineString\",\"coordinates\":[[121.41,31.105],[121.413,31.105]]}"),
                        ok.payload()
                                .replace(
                                        "{\"type\":\"Point\",\"coordinates\":[121.4051,31.1052]}",
                                        "{\"type\":\"Point\",\"coordinates\":[125.0,31.1052]}"),
                        ok.payload()
                                .replace(
                                        "{\"type\":\"Point\",\"coordinates\":[121.4051,31.1052]}",
                                        "{\"type\":\"MultiPoint\",\"coordinates\":[[121.4051,31.1052]]}"),
                        ok.payload()
                                .replace("\"shopId\":\"SHOP-0001\"", "\"shopId\":\"SHOP-0002\""))) {
            assertThat(payload).isNotEqualTo(ok.payload());
            ReferenceRejected e =
                    catchThrowableOfType(
                            ReferenceRejected.class,
                            () ->
                                    ref.apply(
                                            new ReferenceUpdate(
                                                    "SHOP", "SHOP-0001", "UPSERT", 1, payload)));
            assertThat(e).as(payload).isNotNull();
            refused.add(e.reasonCode() + ": " + e.getMessage());
        }
        assertThat(refused)
                .hasSize(4)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                ReasonCodes.BAD_GEOMETRY
                                                        + ": frontage is 286 m long"))
                .anySatisfy(m -> assertThat(m).contains("outside the city's bounds"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains("must be a LineString or Point, got MultiPoint"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                ReasonCodes.BAD_REFERENCE
                                                        + ": the update's id is 'SHOP-0001' but its payload's shopId is 'SHOP-0002'"));
        assertThat(ref.shops().get("SHOP-0001")).isEqualTo(NOODLES);
    }
}
