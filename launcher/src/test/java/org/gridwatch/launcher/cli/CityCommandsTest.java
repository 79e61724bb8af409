package org.gridwatch.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./gridwatch city import} and {@code city check} as a user runs them, on the example files
 * in test resources.
 */
class CityCommandsTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GridWatchCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String resource(String name) throws Exception {
        return Path.of(CityCommandsTest.class.getResource("/city/" + name).toURI()).toString();
    }

    private String[] importExample(Path into, String... more) throws Exception {
        String e = resource("example-gcj02");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "city",
                                "import",
                                "--out",
                                into.toString(),
                                "--name",
                                "莘庄示例",
                                "--code",
                                "310112",
                                "--grids",
                                e + "/grids.csv",
                                "--sites",
                                e + "/sites.csv",
                                "--zones",
                                e + "/zones.geojson",
                                "--routes",
                                e + "/routes.csv",
                                "--trucks",
                                e + "/trucks.csv",
                                "--permits",
                                e + "/permits.csv",
                                "--officers",
                                e + "/officers.csv",
                                "--devices",
                                e + "/devices.csv"));
        // The example is in GCJ-02; a test may give another --datum instead.
        if (!List.of(more).contains("--datum")) {
            args.addAll(List.of("--datum", "gcj02"));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void importOfTheGcj02ExampleGivesACityThatCheckAccepts() throws Exception {
        Path city = dir.resolve("xinzhuang");
        assertThat(run(importExample(city))).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains(
                        "Imported 莘庄示例 into "
                                + city
                                + " (positions from GCJ02 to WGS-84): 4 grids, 2 sites, 1 zones, 1 permits,"
                                + " 2 trucks, 2 officers, 1 devices")
                .contains("city check " + city + ": 0 errors, 0 warnings: usable");

        out.getBuffer().setLength(0);
        assertThat(run("city", "check", city.toString())).as(out.toString()).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "city check "
                                + city
                                + ": 0 errors, 0 warnings: usable"
                                + System.lineSeparator());
    }

    @Test
    void importWithAShopTableWritesShopsThatCheckAccepts() throws Exception {
        double[] a = org.gridwatch.common.geo.Datum.GCJ02.fromWgs84(121.3752, 31.1021);
        double[] b = org.gridwatch.common.geo.Datum.GCJ02.fromWgs84(121.3853, 31.1031);
        double[] c = org.gridwatch.common.geo.Datum.GCJ02.fromWgs84(121.3854, 31.1031);
        Path shops = dir.resolve("门店.csv");
        java.nio.file.Files.writeString(
                shops,
                String.format(
                        java.util.Locale.ROOT,
                        "店铺编号,店名,统一社会信用代码,地址,行业,坐标%n"
                                + "SHOP-0001,老李面馆,91310112MA1GB12347,莘松路125号,餐饮,\"POINT (%.7f %.7f)\"%n"
                                + "SHOP-0002,便民五金,,莘松路131号,零售,\"LINESTRING (%.7f %.7f, %.7f %.7f)\"%n",
                        a[0],
                        a[1],
                        b[0],
                        b[1],
                        c[0],
                        c[1]));
        Path city = dir.resolve("xinzhuang");
        assertThat(run(importExample(city, "--shops", shops.toString())))
                .as(out + "\n" + err)
                .isZero();
        assertThat(out.toString())
                .contains("1 devices, 0 addresses, 2 shops")
                .contains("city check " + city + ": 0 errors, 0 warnings: usable");
        assertThat(org.gridwatch.common.city.CityFiles.read(city).shops())
                .extracting(org.gridwatch.common.city.Shop::gridCode)
                .containsExactly("31011200100101", "31011200100102");
    }

    @Test
    void checkOfTheBrokenCityFailsNamingAllThreeErrors() throws Exception {
        String broken = resource("broken");
        assertThat(run("city", "check", broken)).isEqualTo(1);
        assertThat(out.toString().lines())
                .containsSubsequence(
                        "ERROR grids.geojson feature 31011200100102: self-intersecting polygon at (121.385000 31.104000)",
                        "ERROR grids.geojson feature 31011200100101: grid code 31011200100101 is not unique: 2 features use it (#1, #3)",
                        "ERROR permits.geojson feature ZY20260001: truck 013999999999 is not in trucks.json",
                        "city check "
                                + broken
                                + ": 3 errors, 1 warning: the city cannot be used as it is");
    }

    @Test
    void aDirectoryThatCannotBeReadExitsWithTwo() {
        assertThat(run("city", "check", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("gridwatch city check: cannot read the city: ")
                .contains("is not a readable directory");
    }

    @Test
    void importReportsRowsItLeftOutAndExitsWithOne() throws Exception {
        // Without the routes file the permit has no route: it is left out, and the import fails.
        String[] args = importExample(dir.resolve("c"));
        List<String> withoutRoutes = new ArrayList<>(List.of(args));
        int i = withoutRoutes.indexOf("--routes");
        withoutRoutes.remove(i + 1);
        withoutRoutes.remove(i);
        assertThat(run(withoutRoutes.toArray(String[]::new))).isEqualTo(1);
        assertThat(out.toString())
                .contains(
                        "ERROR permits.csv row 2 (ZY20260001): no route: give a geometry column (WKT LineString) or a --routes file"
                                + " with this permit id")
                .contains(": 1 error, 0 warnings: the city cannot be used as it is");
    }

    @Test
    void wrongOptionsExitWithTwo() throws Exception {
        assertThat(run(importExample(dir.resolve("c"), "--time-zone", "Beijing"))).isEqualTo(2);
        assertThat(err.toString()).contains("--time-zone 'Beijing' is not an IANA time zone id");
        assertThat(run(importExample(dir.resolve("c"), "--datum", "cgcs2000"))).isEqualTo(2);
        assertThat(err.toString()).contains("--datum: unknown datum 'cgcs2000'");
        assertThat(
                        run(
                                "city",
                                "import",
                                "--out",
                                dir.toString(),
                                "--grids",
                                dir.resolve("none.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("none.csv");
    }
}
