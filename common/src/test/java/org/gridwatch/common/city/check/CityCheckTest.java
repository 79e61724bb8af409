package org.gridwatch.common.city.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridwatch.common.city.check.TestCities.EAST;
import static org.gridwatch.common.city.check.TestCities.PERMIT;
import static org.gridwatch.common.city.check.TestCities.WEST;
import static org.gridwatch.common.city.check.TestCities.edit;
import static org.gridwatch.common.city.check.TestCities.editFeature;
import static org.gridwatch.common.city.check.TestCities.geometry;
import static org.gridwatch.common.city.check.TestCities.props;

class CityCheckTest {
    @TempDir Path dir;

    private Path city() {
        return TestCities.write(TestCities.valid(), dir);
    }

    private List<String> lines() throws IOException {
        return CityCheck.check(dir).stream().map(Problem::line).toList();
    }

    @Test
    void aValidCityHasNoProblems() throws IOException {
        city();
        assertThat(CityCheck.check(dir)).isEmpty();
    }

    @Test
    void selfIntersectingPolygonIsAnErrorNamingTheFeatureAndWhere() throws IOException {
        city();
        // A bow tie: the ring crosses itself at (121.405 31.105).
        editFeature(
                dir,
                "grids.geojson",
                WEST,
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 121.40, 31.10, 121.41, 31.11, 121.41, 31.10,
                                        121.40, 31.11, 121.40, 31.10)));
        assertThat(lines())
                .contains(
                        "ERROR grids.geojson feature "
                                + WEST
                                + ": self-intersecting polygon at (121.405000 31.105000)");
    }

    @Test
    void unclosedRingIsAnInvalidPolygon() throws IOException {
        city();
        editFeature(
                dir,
                "sites.geojson",
                "CS001",
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 121.402, 31.102, 121.403, 31.102, 121.403,
                                        31.103, 121.402, 31.103)));
        assertThat(lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "ERROR sites.geojson feature CS001: invalid polygon:"));
    }

    @Test
    void duplicateGridCodesAreAnError() throws IOException {
        city();
        editFeature(
                dir,
                "grids.geojson",
                EAST,
                f -> {
                    f.put("id", WEST);
                    props(f).put("gridCode", WEST);
                });
        assertThat(lines())
                .contains(
                        "ERROR grids.geojson feature "
                                + WEST
                                + ": grid code "
                                + WEST
                                + " is not unique: 2 features use it (#1, #2)");
    }

    @Test
    void overlappingGridsAreAnErrorAndSliversAWarning() throws IOException {
        city();
        // East grid starts 100 m inside the west one: about 10 % of it.
        editFeature(
                dir,
                "grids.geojson",
                EAST,
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 121.409, 31.10, 121.42, 31.10, 121.42, 31.11,
                                        121.409, 31.11, 121.409, 31.10)));
        assertThat(lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "ERROR grids.geojson feature "
                                                        + EAST
                                                        + ": overlaps grid "
                                                        + WEST
                                                        + " by "));

        // 1 m into it along a 1.1 km edge: about 0.1 % of the grid, a digitising sliver.
        editFeature(
                dir,
                "grids.geojson",
                EAST,
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 121.40999, 31.10, 121.42, 31.10, 121.42, 31.11,
                                        121.40999, 31.11, 121.40999, 31.10)));
        List<Problem> problems = CityCheck.check(dir);
        assertThat(problems)
                .extracting(Problem::line)
                .singleElement()
                .asString()
                .startsWith(
                        "WARNING grids.geojson feature "
                                + EAST
                                + ": overlaps grid "
                                + WEST
                                + " by ");
        assertThat(Problems.hasErrors(problems)).isFalse();
    }

    @Test
    void permitNamingAnUnknownTruckOrSiteIsAnError() throws IOException {
        city();
        editFeature(
                dir,
                "permits.geojson",
                PERMIT,
                f -> props(f).put("truckId", "013999999999").put("disposalSiteId", "DS99"));
        assertThat(lines())
                .contains(
                        "ERROR permits.geojson feature "
                                + PERMIT
                                + ": truck 013999999999 is not in trucks.json",
                        "ERROR permits.geojson feature "
                                + PERMIT
                                + ": disposal site DS99 is not in sites.geojson");
    }

    @Test
    void routeThatIsNotALineStringIsAnError() throws IOException {
        city();
        editFeature(
                dir,
                "permits.geojson",
                PERMIT,
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 121.40, 31.10, 121.41, 31.10, 121.41, 31.11,
                                        121.40, 31.10)));
        assertThat(lines())
                .contains(
                        "ERROR permits.geojson feature "
                                + PERMIT
                                + ": route is a Polygon, not a LineString");
    }

    @Test
    void routeOutsideEveryGridIsAnError() throws IOException {
        city();
        editFeature(
                dir,
                "permits.geojson",
                PERMIT,
                f -> f.set("geometry", geometry("LineString", 121.50, 31.20, 121.51, 31.21)));
        assertThat(lines())
                .contains(
                        "ERROR permits.geojson feature "
                                + PERMIT
                                + ": route lies outside every grid")
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "WARNING permits.geojson feature "
                                                        + PERMIT
                                                        + ": route starts "));
    }

    @Test
    void hoursAndDatesThatDoNotParseAreErrors() throws IOException {
        city();
        editFeature(
                dir,
                "permits.geojson",
                PERMIT,
                f -> props(f).put("hoursFrom", "晚8点").put("validTo", "2027/01/31"));
        edit(dir, "officers.json", a -> ((ObjectNode) a.get(0)).put("shiftEnd", "25:00"));
        assertThat(lines())
                .contains(
                        "ERROR permits.geojson feature "
                                + PERMIT
                                + ": hoursFrom '晚8点' is not a time of day (HH:mm)",
                        "ERROR permits.geojson feature "
                                + PERMIT
                                + ": validTo '2027/01/31' is not a date (yyyy-MM-dd)",
                        "ERROR officers.json officer GW00001: shiftEnd '25:00' is not a time of day (HH:mm)");
    }

    @Test
    void timeZoneMustBeAnIanaId() throws IOException {
        for (String zone : List.of("Beijing", "+08:00", "CST", "GMT+8")) {
            city();
            edit(dir, "city.json", m -> ((ObjectNode) m).put("timeZone", zone));
            assertThat(lines())
                    .as(zone)
                    .containsExactly(
                            "ERROR city.json: timeZone '"
                                    + zone
                                    + "' is not an IANA time zone id (such as Asia/Shanghai or Asia/Urumqi)");
        }
        assertThat(CityCheck.isIanaZone("Asia/Shanghai")).isTrue();
        assertThat(CityCheck.isIanaZone("Asia/Urumqi")).isTrue();
    }

    @Test
    void swappedLatitudeAndLongitudeAreNamedAsSuch() throws IOException {
        city();
        editFeature(
                dir,
                "sites.geojson",
                "CS001",
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 31.102, 121.402, 31.102, 121.403, 31.103,
                                        121.403, 31.102, 121.402)));
        edit(
                dir,
                "devices.json",
                a -> ((ObjectNode) a.get(0)).put("lat", 121.405).put("lon", 31.105));
        assertThat(lines())
                .contains(
                        "ERROR sites.geojson feature CS001: latitude and longitude swapped: (31.102000 121.402000) has longitude 31.102000 and latitude 121.402000"
                                + " (4 of 4 positions); positions are (longitude latitude)",
                        "ERROR devices.json device CAM0001: latitude and longitude swapped: (31.105000 121.405000) has longitude 31.105000 and latitude 121.405000"
                                + " (1 of 1 positions); positions are (longitude latitude)");
    }

    @Test
    void positionsOutsideTheCityBoundsAreErrors() throws IOException {
        city();
        // Tiananmen, a thousand kilometres from a city centred on Minhang.
        editFeature(
                dir,
                "zones.geojson",
                "PZ01",
                f ->
                        f.set(
                                "geometry",
                                geometry(
                                        "Polygon", 116.39, 39.90, 116.40, 39.90, 116.40, 39.91,
                                        116.39, 39.90)));
        assertThat(lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "ERROR zones.geojson feature PZ01: position (116.390000 39.900000) lies outside the city's bounds"));

        // Explicit bounds in city.json win over the default reach around the centre.
        city();
        edit(
                dir,
                "city.json",
                m ->
                        ((ObjectNode) m)
                                .putArray("bounds")
                                .add(121.0)
                                .add(31.0)
                                .add(121.405)
                                .add(31.2));
        assertThat(lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "ERROR grids.geojson feature "
                                                        + EAST
                                                        + ": position (121.410000 31.100000) lies outside"));
    }

    @Test
    void geometriesWithTooManyVerticesAreErrors() throws IOException {
        city();
        int n = GeometryCheck.MAX_VERTICES + 1;
        double[] ring = new double[2 * (n + 1)];
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            ring[2 * i] = 121.4055 + 0.0004 * Math.cos(a);
            ring[2 * i + 1] = 31.1085 + 0.0004 * Math.sin(a);
        }
        editFeature(
                dir, "zones.geojson", "PZ01", f -> f.set("geometry", geometry("Polygon", ring)));
        assertThat(lines())
                .contains(
                        "ERROR zones.geojson feature PZ01: polygon has 2,002 vertices; at most 2,000 per geometry (simplify it)");
    }

    @Test
    void missingFieldsUnknownKindsAndMissingFilesAreReported() throws IOException {
        city();
        editFeature(dir, "sites.geojson", "DS01", f -> props(f).put("kind", "LANDFILL"));
        editFeature(dir, "grids.geojson", EAST, f -> props(f).remove("streetName"));
        Files.delete(dir.resolve("trucks.json"));
        assertThat(lines())
                .contains(
                        "ERROR sites.geojson feature DS01: kind 'LANDFILL' is not one of CONSTRUCTION, DISPOSAL, DEPOT",
                        "ERROR grids.geojson feature "
                                + EAST
                                + ": cannot be read: reference object lacks 'streetName'",
                        "ERROR trucks.json: file missing");
    }

    @Test
    void referencesToUnknownGridsAreWarnings() throws IOException {
        city();
        edit(
                dir,
                "officers.json",
                a -> ((ArrayNode) a.get(0).get("gridCodes")).add("31011299999999"));
        List<Problem> problems = CityCheck.check(dir);
        assertThat(problems)
                .extracting(Problem::line)
                .containsExactly(
                        "WARNING officers.json officer GW00001: grid 31011299999999 is not in grids.geojson");
        assertThat(Problems.hasErrors(problems)).isFalse();
    }

    @Test
    void errorsComeBeforeWarnings() throws IOException {
        city();
        edit(
                dir,
                "officers.json",
                a -> ((ArrayNode) a.get(0).get("gridCodes")).add("31011299999999"));
        editFeature(dir, "permits.geojson", PERMIT, f -> props(f).put("truckId", "013999999999"));
        assertThat(lines())
                .extracting(l -> l.substring(0, l.indexOf(' ')))
                .containsExactly("ERROR", "WARNING");
    }

    @Test
    void aDirectoryThatCannotBeReadAtAllThrows() {
        assertThatThrownBy(() -> CityCheck.check(dir.resolve("nowhere")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a readable directory");
        assertThatThrownBy(() -> CityCheck.check(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("none of the city files");
    }

    @Test
    void brokenJsonIsReportedWithItsLine() throws IOException {
        city();
        Files.writeString(
                dir.resolve("zones.geojson"),
                "{\"type\": \"FeatureCollection\",\n \"features\": [ {,] }");
        assertThat(lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith("ERROR zones.geojson: not JSON: ")
                                        .endsWith("(line 2)"));
    }

    /** Issue 19: the optional address table is read back, published and checked like devices. */
    @Test
    void anAddressTableIsOptionalReadBackPublishedAndChecked() throws IOException {
        org.gridwatch.common.city.City valid = TestCities.valid();
        org.gridwatch.common.city.City withAddresses =
                new org.gridwatch.common.city.City(
                        valid.name(),
                        valid.districtCode(),
                        valid.centerLat(),
                        valid.centerLon(),
                        valid.zone(),
                        valid.grids(),
                        valid.sites(),
                        valid.zones(),
                        valid.permits(),
                        valid.trucks(),
                        valid.officers(),
                        valid.devices(),
                        List.of(
                                new org.gridwatch.common.city.Address(
                                        "A1", "莘松路123弄4号", 31.105, 121.405, null),
                                new org.gridwatch.common.city.Address(
                                        "A2", "莘松路125号", 31.105, 121.406, "31011299999999"),
                                new org.gridwatch.common.city.Address(
                                        "A2", "莘松路127号", 41.0, 121.406, null)));
        TestCities.write(withAddresses, dir);
        assertThat(org.gridwatch.common.city.CityFiles.read(dir).addresses())
                .isEqualTo(withAddresses.addresses());
        assertThat(org.gridwatch.common.reference.CityUpdates.of(withAddresses, 0))
                .filteredOn(u -> u.kind().equals("ADDRESS"))
                .extracting(u -> u.id())
                .containsExactly("A1", "A2", "A2");
        assertThat(lines())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "ERROR addresses.json address A2: address id A2 is not unique"))
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith("ERROR addresses.json address A2: ")
                                        .contains("bounds"))
                .contains(
                        "WARNING addresses.json address A2: grid 31011299999999 is not in grids.geojson");

        java.nio.file.Files.delete(dir.resolve("addresses.json"));
        assertThat(lines()).as("a city without an address table is fine").isEmpty();
        assertThat(org.gridwatch.common.city.CityFiles.read(dir).addresses()).isEmpty();
    }
}
