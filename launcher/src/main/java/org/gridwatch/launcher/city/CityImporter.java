package org.gridwatch.launcher.city;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.city.check.Problems;
import org.gridwatch.common.geo.Datum;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a {@link City} from the files a city already has (see {@link InputTable} for the columns),
 * converting every position from the input's datum to WGS-84. A row that cannot be made into a
 * reference object is left out and reported as an ERROR against its file and row; everything else
 * is kept, so one run reports every such row. The rows are read by {@link TableReader} and made
 * into objects by {@link PlaceRows} and {@link PermitRows}; this class puts the city together.
 */
public final class CityImporter {
    /** Grids are patrolled 07:00-22:00 and officers work then unless the files say otherwise. */
    public static final DailyWindow DEFAULT_DUTY = DailyWindow.parse("07:00", "22:00");

    public static final int DEFAULT_MAX_GAP_MINUTES = 120;

    /** The input files; any may be null. */
    public record Inputs(
            Path grids,
            Path sites,
            Path zones,
            Path routes,
            Path trucks,
            Path officers,
            Path permits,
            Path devices,
            Path addresses,
            Path shops) {
        /** Inputs without shops on file. */
        public Inputs(
                Path grids,
                Path sites,
                Path zones,
                Path routes,
                Path trucks,
                Path officers,
                Path permits,
                Path devices,
                Path addresses) {
            this(grids, sites, zones, routes, trucks, officers, permits, devices, addresses, null);
        }

        /** Inputs without an address table. */
        public Inputs(
                Path grids,
                Path sites,
                Path zones,
                Path routes,
                Path trucks,
                Path officers,
                Path permits,
                Path devices) {
            this(grids, sites, zones, routes, trucks, officers, permits, devices, null);
        }
    }

    /** The city, and the problems of the rows left out (empty when every row was imported). */
    public record Result(City city, List<Problem> problems) {}

    private final RowShapes shapes;
    private final PlaceRows places;
    private final Problems problems = new Problems();

    private CityImporter(Datum datum) {
        this.shapes = new RowShapes(datum);
        this.places = new PlaceRows(shapes);
    }

    /**
     * @param code the district code; null to take the grids' own
     * @throws IOException when an input file cannot be read at all
     */
    public static Result importCity(Inputs in, Datum datum, String name, String code, ZoneId zone)
            throws IOException {
        return new CityImporter(datum).run(in, name, code, zone);
    }

    private Result run(Inputs in, String name, String code, ZoneId zone) throws IOException {
        List<Grid> grids =
                build(read(in.grids(), InputTable.GRIDS), "gridCode", r -> places.grid(r, code));
        List<Site> sites = build(read(in.sites(), InputTable.SITES), "siteId", places::site);
        List<Zone> zones = build(read(in.zones(), InputTable.ZONES), "zoneId", places::zone);
        List<Truck> trucks =
                build(
                        read(in.trucks(), InputTable.TRUCKS),
                        "truckId",
                        r -> new Truck(required(r, "truckId"), r.get("plate"), r.get("company")));
        List<Officer> officers =
                build(
                        read(in.officers(), InputTable.OFFICERS),
                        "officerId",
                        r ->
                                new Officer(
                                        required(r, "officerId"),
                                        r.get("name"),
                                        r.get("districtName"),
                                        r.has("gridCodes")
                                                ? Fields.list(r.get("gridCodes"))
                                                : List.of(),
                                        Fields.window(
                                                r,
                                                "shift",
                                                "shiftStart",
                                                "shiftEnd",
                                                DEFAULT_DUTY)));
        Map<String, LineString> routes = new HashMap<>();
        build(
                read(in.routes(), InputTable.ROUTES),
                "permitId",
                r -> routes.put(required(r, "permitId"), shapes.requiredLine(r)));
        PermitRows permitRows = new PermitRows(trucks, sites, routes);
        List<Permit> permits =
                build(
                        read(in.permits(), InputTable.PERMITS),
                        "permitId",
                        r -> permitRows.permit(r, shapes.line(r)));
        List<Device> devices =
                build(
                        read(in.devices(), InputTable.DEVICES),
                        "deviceId",
                        r -> places.device(r, grids));
        List<Address> addresses =
                build(
                        read(in.addresses(), InputTable.ADDRESSES),
                        "addressId",
                        r -> places.address(r, grids));
        List<Shop> shops =
                build(read(in.shops(), InputTable.SHOPS), "shopId", r -> places.shop(r, grids));
        double[] centre = centre(grids, sites);
        String districtCode =
                code != null
                        ? code
                        : mostCommon(grids.stream().map(Grid::districtCode).toList(), "000000");
        City city =
                new City(
                        name,
                        districtCode,
                        centre[1],
                        centre[0],
                        zone,
                        grids,
                        sites,
                        zones,
                        permits,
                        trucks,
                        officers,
                        devices,
                        addresses,
                        shops);
        return new Result(city, problems.list());
    }

    private List<InputRow> read(Path file, InputTable table) throws IOException {
        return file == null ? List.of() : TableReader.read(file, table, problems);
    }

    /**
     * Makes one object per row; a row that fails is reported with its id (when it has one) and left
     * out.
     */
    private <T> List<T> build(List<InputRow> rows, String idColumn, Function<InputRow, T> make) {
        List<T> out = new ArrayList<>();
        for (InputRow r : rows) {
            try {
                out.add(make.apply(r));
            } catch (IllegalArgumentException e) {
                String subject =
                        r.subject() + (r.has(idColumn) ? " (" + r.get(idColumn) + ")" : "");
                problems.at(r.file(), subject).error(e.getMessage());
            }
        }
        return out;
    }

    static String required(InputRow r, String column) {
        String v = r.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no " + column);
        }
        return v;
    }

    /**
     * {lon, lat} of the middle of the grids (else the sites): the centre of the city's local plane.
     */
    private static double[] centre(List<Grid> grids, List<Site> sites) {
        Envelope e = new Envelope();
        grids.forEach(g -> e.expandToInclude(g.polygon().getEnvelopeInternal()));
        if (e.isNull()) {
            sites.forEach(s -> e.expandToInclude(s.polygon().getEnvelopeInternal()));
        }
        return e.isNull()
                ? new double[] {0, 0}
                : new double[] {GeoJson.round(e.centre().x), GeoJson.round(e.centre().y)};
    }

    private static String mostCommon(Collection<String> values, String otherwise) {
        Map<String, Long> counts =
                values.stream()
                        .collect(
                                Collectors.groupingBy(
                                        v -> v, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(otherwise);
    }
}
