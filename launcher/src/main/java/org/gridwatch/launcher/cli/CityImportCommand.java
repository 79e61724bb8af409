package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.check.CityCheck;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.geo.Datum;
import org.gridwatch.launcher.city.CityImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./gridwatch city import}: a city directory from the files a city already has, checked. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Builds a city directory from a city's own files: GeoJSON, or CSV with a WKT",
            "geometry column, for grids, sites, zones and permit routes; CSV for trucks,",
            "officers, permits, devices and the address table. Columns have English names or the Chinese",
            "headers city platforms export (README: Onboarding your city). Positions are",
            "converted from --datum to WGS-84, then 'city check' runs on the result.",
            "Exit code 0 when the city has no ERROR; 1 when a row was left out or the",
            "check found an error; 2 when an input cannot be read or an option is wrong."
        })
public final class CityImportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The city directory to write (created; its city files are replaced).")
    Path out;

    @Option(
            names = "--datum",
            defaultValue = "wgs84",
            paramLabel = "wgs84|gcj02|bd09",
            description =
                    "Datum of the input positions: gcj02 (Gaode/AMap, Tencent), bd09 (Baidu) or wgs84 (GPS, OSM) (default: ${DEFAULT-VALUE}).")
    String datum;

    @Option(
            names = "--grids",
            paramLabel = "FILE",
            description = "Unit grids (网格): GeoJSON or CSV+WKT.")
    Path grids;

    @Option(
            names = "--sites",
            paramLabel = "FILE",
            description = "Construction and disposal sites (工地, 消纳场): GeoJSON or CSV+WKT.")
    Path sites;

    @Option(
            names = "--zones",
            paramLabel = "FILE",
            description = "Truck-prohibited and noise zones: GeoJSON or CSV+WKT.")
    Path zones;

    @Option(
            names = "--routes",
            paramLabel = "FILE",
            description = "Permit routes by permit id (许可证号): GeoJSON or CSV+WKT.")
    Path routes;

    @Option(names = "--trucks", paramLabel = "FILE", description = "Muck trucks (车牌号, 终端号): CSV.")
    Path trucks;

    @Option(
            names = "--officers",
            paramLabel = "FILE",
            description = "Patrol officers and their grids: CSV.")
    Path officers;

    @Option(
            names = "--permits",
            paramLabel = "FILE",
            description = "Muck-transport permits (准运证): CSV, with or without a route column.")
    Path permits;

    @Option(
            names = "--devices",
            paramLabel = "FILE",
            description = "Cameras and noise sensors: CSV with lon/lat (经度/纬度).")
    Path devices;

    @Option(
            names = "--addresses",
            paramLabel = "FILE",
            description =
                    "The address table (门牌地址库): CSV with an id, the address (地址) and lon/lat; places hotline complaints that have no coordinates.")
    Path addresses;

    @Option(
            names = "--shops",
            paramLabel = "FILE",
            description =
                    "Shops on file (一店一档): CSV with an id (店铺编号), name (店名), licence (统一社会信用代码), address, category (行业), grid and the frontage as WKT Point/LineString (门面) or lon/lat; or GeoJSON.")
    Path shops;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The city's name (default: the output directory's name).")
    String name;

    @Option(
            names = "--code",
            paramLabel = "CODE",
            description = "District code (区划代码, e.g. 310112) (default: the grids' own).")
    String code;

    @Option(
            names = "--time-zone",
            defaultValue = "Asia/Shanghai",
            paramLabel = "ZONE",
            description = "IANA time zone (default: ${DEFAULT-VALUE}).")
    String timeZone;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Datum from;
        try {
            from = Datum.parse(datum);
        } catch (IllegalArgumentException e) {
            err.println("gridwatch city import: --datum: " + e.getMessage());
            return CityCheckCommand.EXIT_UNREADABLE;
        }
        if (!CityCheck.isIanaZone(timeZone)) {
            err.println(
                    "gridwatch city import: --time-zone '"
                            + timeZone
                            + "' is not an IANA time zone id (such as Asia/Shanghai)");
            return CityCheckCommand.EXIT_UNREADABLE;
        }
        String cityName =
                name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
        CityImporter.Inputs inputs =
                new CityImporter.Inputs(
                        grids, sites, zones, routes, trucks, officers, permits, devices, addresses,
                        shops);
        List<Problem> problems = new ArrayList<>();
        try {
            CityImporter.Result result =
                    CityImporter.importCity(inputs, from, cityName, code, ZoneId.of(timeZone));
            City city = result.city();
            CityFiles.write(city, out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(
                    "Imported %s into %s (positions from %s to WGS-84): %d grids, %d sites, %d zones, %d permits, %d trucks, %d officers, %d devices, %d addresses, %d shops%n",
                    city.name(),
                    out,
                    from,
                    city.grids().size(),
                    city.sites().size(),
                    city.zones().size(),
                    city.permits().size(),
                    city.trucks().size(),
                    city.officers().size(),
                    city.devices().size(),
                    city.addresses().size(),
                    city.shops().size());
            problems.addAll(result.problems());
            problems.addAll(CityCheck.check(out));
        } catch (IOException e) {
            err.println("gridwatch city import: " + e.getMessage());
            return CityCheckCommand.EXIT_UNREADABLE;
        }
        return CityCheckCommand.report(problems, out, spec.commandLine().getOut());
    }
}
