package org.gridwatch.launcher.city;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.city.check.Problems;
import org.gridwatch.common.geo.Coordinates;
import org.gridwatch.common.geo.Datum;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

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
 * is kept, so one run reports every such row.
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
            Path addresses) {
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

    private final Datum datum;
    private final Problems problems = new Problems();

    private CityImporter(Datum datum) {
        this.datum = datum;
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
                build(read(in.grids(), InputTable.GRIDS), "gridCode", r -> grid(r, code));
        List<Site> sites = build(read(in.sites(), InputTable.SITES), "siteId", this::site);
        List<Zone> zones = build(read(in.zones(), InputTable.ZONES), "zoneId", this::zone);
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
                r -> routes.put(required(r, "permitId"), requiredLine(r)));
        PermitRows permitRows = new PermitRows(trucks, sites, routes);
        List<Permit> permits =
                build(
                        read(in.permits(), InputTable.PERMITS),
                        "permitId",
                        r -> permitRows.permit(r, line(r)));
        List<Device> devices =
                build(read(in.devices(), InputTable.DEVICES), "deviceId", r -> device(r, grids));
        List<Address> addresses =
                build(
                        read(in.addresses(), InputTable.ADDRESSES),
                        "addressId",
                        r -> address(r, grids));
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
                        addresses);
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

    private Grid grid(InputRow r, String districtCodeOption) {
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
                        : DEFAULT_MAX_GAP_MINUTES;
        return new Grid(
                gridCode,
                district,
                r.values().getOrDefault("districtName", district),
                street,
                r.values().getOrDefault("streetName", street),
                community,
                r.values().getOrDefault("communityName", community),
                Fields.window(r, "duty", "dutyStart", "dutyEnd", DEFAULT_DUTY),
                maxGap,
                polygon(r));
    }

    private Site site(InputRow r) {
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
        return new Site(id, kind, name, polygon(r));
    }

    private Zone zone(InputRow r) {
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
        Geometry area = datum(r.geometry());
        if (area == null
                || !(area.getGeometryType().equals("Polygon")
                        || area.getGeometryType().equals("MultiPolygon"))) {
            throw new IllegalArgumentException(shapeProblem(r, "a Polygon or MultiPolygon"));
        }
        return new Zone(
                id, kind, r.values().getOrDefault("name", id), closed, r.get("noiseClass"), area);
    }

    /**
     * A door of the address table (门牌地址库); its grid, when the file names none, is the one
     * containing it.
     */
    private Address address(InputRow r, List<Grid> grids) {
        String id = required(r, "addressId");
        String text = required(r, "address");
        double[] w =
                datum.toWgs84(
                        Fields.number("lon", required(r, "lon")),
                        Fields.number("lat", required(r, "lat")));
        return new Address(
                id,
                text,
                w[1],
                w[0],
                r.get("gridCode") != null ? r.get("gridCode") : gridAt(grids, w));
    }

    private static String gridAt(List<Grid> grids, double[] lonLat) {
        Point at = GeoJson.FACTORY.createPoint(new Coordinate(lonLat[0], lonLat[1]));
        return grids.stream()
                .filter(g -> g.polygon().covers(at))
                .map(Grid::gridCode)
                .findFirst()
                .orElse(null);
    }

    private Device device(InputRow r, List<Grid> grids) {
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
        double[] w =
                datum.toWgs84(
                        Fields.number("lon", required(r, "lon")),
                        Fields.number("lat", required(r, "lat")));
        String gridCode = r.get("gridCode") != null ? r.get("gridCode") : gridAt(grids, w);
        return new Device(id, kind, w[1], w[0], r.get("spotId"), gridCode, r.get("noiseClass"));
    }

    /**
     * A grid's or a site's shape: one Polygon (a MultiPolygon of one part, as GIS exports write
     * them, is unwrapped).
     */
    private Polygon polygon(InputRow r) {
        Geometry g = single(r.geometry());
        if (!(g instanceof Polygon p)) {
            throw new IllegalArgumentException(shapeProblem(r, "one Polygon"));
        }
        return (Polygon) datum(p);
    }

    /**
     * A route: one LineString (a MultiLineString of one part is unwrapped); null when the row has
     * no geometry.
     */
    private LineString line(InputRow r) {
        if (r.geometry() == null && r.geometryProblem() == null) {
            return null;
        }
        Geometry g = single(r.geometry());
        if (!(g instanceof LineString l)) {
            throw new IllegalArgumentException(shapeProblem(r, "a LineString"));
        }
        return (LineString) datum(l);
    }

    private LineString requiredLine(InputRow r) {
        LineString l = line(r);
        if (l == null) {
            throw new IllegalArgumentException(shapeProblem(r, "a LineString"));
        }
        return l;
    }

    private static Geometry single(Geometry g) {
        return g != null
                        && g.getNumGeometries() == 1
                        && !g.getGeometryType().equals(g.getGeometryN(0).getGeometryType())
                ? g.getGeometryN(0)
                : g;
    }

    private static String shapeProblem(InputRow r, String expected) {
        if (r.geometryProblem() != null) {
            return "geometry cannot be read: " + r.geometryProblem();
        }
        if (r.geometry() == null) {
            return "no geometry (a WKT column such as 'geometry' or 'wkt', or a GeoJSON geometry)";
        }
        Geometry g = r.geometry();
        return "geometry is a "
                + g.getGeometryType()
                + (g.getNumGeometries() > 1 ? " of " + g.getNumGeometries() + " parts" : "")
                + ", not "
                + expected;
    }

    /** A copy of {@code g} in WGS-84. */
    private Geometry datum(Geometry g) {
        if (g == null || datum == Datum.WGS84) {
            return g;
        }
        return Coordinates.transformed(g, datum::toWgs84);
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
