package org.gridwatch.sim.city;

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
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.sim.city.outline.DistrictOutline;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a demo city like Minhang district from a seed: the same seed and size always give the
 * same city, so only the generator is committed, not the files.
 *
 * <p>Layout, in metres on a plane around the centre: a lattice of slightly irregular unit grids
 * grouped into 14 streets and 5 communities each (for {@link CitySize#MINHANG} the lattice lies
 * over the district's real outline, WGS-84, see {@code resources/city/NOTICE-minhang-outline.md}:
 * the cells whose centre is inside, clipped to it, are the grids; streets are compact parts of
 * equal size, and every site, zone and device is inside the outline, so a truck's trip may still
 * cross a neighbour); arterial roads every 2.5 km; construction sites beside arterials; disposal
 * sites and depots near the edges; prohibited zones in the middle of blocks, far from any arterial.
 * Permitted routes follow the arterials, so a truck that keeps to its permit never enters a
 * prohibited zone.
 */
public final class CityGenerator {
    public static final String DISTRICT_CODE = "310112";
    public static final String DISTRICT_NAME = "闵行区";
    public static final double CENTER_LAT = 31.11;
    public static final double CENTER_LON = 121.38;
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final double ARTERIAL_SPACING_M = 2500;

    private static final String[] STREETS = {
        "莘庄镇", "七宝镇", "梅陇镇", "虹桥镇", "马桥镇", "吴泾镇", "浦江镇",
        "颛桥镇", "华漕镇", "江川路街道", "古美路街道", "新虹街道", "浦锦街道", "莘庄工业区"
    };
    private static final String[] STREET_NOISE_CLASS = {
        "1", "2", "1", "2", "3", "3", "1", "1", "2", "1", "2", "2", "1", "3"
    };
    private static final int STREET_COLS = 7;
    private static final int STREET_ROWS = 2;
    private static final int COMMUNITIES_PER_STREET = 5;

    private final long seed;
    private final CitySize size;
    private final LocalDate permitsIssued;
    private final LocalProjection proj = new LocalProjection(CENTER_LAT, CENTER_LON);
    private final double w;
    private final double h;
    private final RoadNetwork roads;

    /** The real district outline the city lies on, or null for a rectangular city. */
    private final OutlineLayout outline;

    private CityGenerator(long seed, CitySize size, LocalDate permitsIssued) {
        this.seed = seed;
        this.size = size;
        this.permitsIssued = permitsIssued;
        this.w = size.widthKm() * 1000;
        this.h = size.heightKm() * 1000;
        this.roads = new RoadNetwork(w, h, ARTERIAL_SPACING_M);
        this.outline =
                size.outline() == null
                        ? null
                        : new OutlineLayout(proj.toMetres(DistrictOutline.load(size.outline())));
    }

    /**
     * Whether a point of the plane lies in the district at least {@code margin} metres from its
     * edge (always, for a rectangular city).
     */
    private boolean inDistrict(double x, double y, double margin) {
        return outline == null || outline.contains(x, y, margin);
    }

    /**
     * A city whose permits are valid from 30 days before to 90 days after {@code permitsIssued}.
     */
    public static City generate(long seed, CitySize size, LocalDate permitsIssued) {
        return new CityGenerator(seed, size, permitsIssued).build();
    }

    private SplittableRandom random(long stream) {
        return new SplittableRandom(seed * 1_000_003L + stream);
    }

    private City build() {
        List<Grid> grids = grids();
        List<Site> sites = new ArrayList<>();
        sites.addAll(constructionSites());
        sites.addAll(edgeSites(Site.Kind.DISPOSAL, size.disposalSites(), 300, "消纳场", 2));
        sites.addAll(edgeSites(Site.Kind.DEPOT, size.depots(), 200, "车队停车场", 3));
        List<Zone> zones = new ArrayList<>(prohibitedZones());
        zones.addAll(noiseZones(grids));
        List<Truck> trucks = trucks();
        List<Permit> permits = permits(trucks, sites);
        List<Officer> officers = officers(grids);
        List<Device> devices = devices(grids, sites);
        List<Address> addresses = AddressTable.of(grids);
        return new City(
                "GridWatch demo city ("
                        + (outline != null ? "Minhang district" : "small, Minhang-like")
                        + ", seed "
                        + seed
                        + ")",
                DISTRICT_CODE,
                CENTER_LAT,
                CENTER_LON,
                ZONE,
                grids,
                sites,
                zones,
                permits,
                trucks,
                officers,
                devices,
                addresses);
    }

    private Coordinate wgs(double x, double y) {
        return new Coordinate(GeoJson.round(proj.lon(x)), GeoJson.round(proj.lat(y)));
    }

    private Polygon rect(double cx, double cy, double halfW, double halfH) {
        return GeoJson.FACTORY.createPolygon(
                new Coordinate[] {
                    wgs(cx - halfW, cy - halfH),
                    wgs(cx + halfW, cy - halfH),
                    wgs(cx + halfW, cy + halfH),
                    wgs(cx - halfW, cy + halfH),
                    wgs(cx - halfW, cy - halfH)
                });
    }

    // ---- grids

    private List<Grid> grids() {
        int cols = size.gridCols();
        int rows = size.gridRows();
        double cw = w / cols;
        double ch = h / rows;
        SplittableRandom r = random(1);
        double[][] px = new double[cols + 1][rows + 1];
        double[][] py = new double[cols + 1][rows + 1];
        for (int i = 0; i <= cols; i++) {
            for (int j = 0; j <= rows; j++) {
                boolean interior = i > 0 && i < cols && j > 0 && j < rows;
                px[i][j] = -w / 2 + i * cw + (interior ? (r.nextDouble() - 0.5) * 0.3 * cw : 0);
                py[i][j] = -h / 2 + j * ch + (interior ? (r.nextDouble() - 0.5) * 0.3 * ch : 0);
            }
        }
        List<List<int[]>> streetCells =
                outline == null
                        ? streetBlocks(cols, rows)
                        : outline.streets(
                                outline.keptCells(px, py, cols, rows),
                                STREET_COLS * STREET_ROWS,
                                COMMUNITIES_PER_STREET);
        List<Grid> grids = new ArrayList<>();
        DailyWindow duty = DailyWindow.parse("07:00", "22:00");
        for (int s = 0; s < streetCells.size(); s++) {
            List<int[]> cells = streetCells.get(s);
            String streetCode = String.format("%03d", s + 1);
            String streetName = STREETS[s % STREETS.length];
            int perCommunity = (int) Math.ceil(cells.size() / (double) COMMUNITIES_PER_STREET);
            for (int k = 0; k < cells.size(); k++) {
                int community = k / Math.max(1, perCommunity);
                int seq = k % Math.max(1, perCommunity) + 1;
                int i = cells.get(k)[0];
                int j = cells.get(k)[1];
                Polygon poly =
                        outline == null
                                ? toWgs(cell(px, py, i, j))
                                : toWgs(outline.clipped(cell(px, py, i, j)));
                String communityCode = String.format("%03d", community + 1);
                grids.add(
                        new Grid(
                                DISTRICT_CODE
                                        + streetCode
                                        + communityCode
                                        + String.format("%02d", seq),
                                DISTRICT_CODE,
                                DISTRICT_NAME,
                                streetCode,
                                streetName,
                                communityCode,
                                streetName + "第" + (community + 1) + "社区",
                                duty,
                                120,
                                poly));
            }
        }
        return grids;
    }

    /**
     * Street blocks: STREET_COLS x STREET_ROWS over the lattice; communities split each street's
     * grids.
     */
    private static List<List<int[]>> streetBlocks(int cols, int rows) {
        List<List<int[]>> streetCells = new ArrayList<>();
        for (int s = 0; s < STREET_COLS * STREET_ROWS; s++) {
            streetCells.add(new ArrayList<>());
        }
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                int sc = Math.min(STREET_COLS - 1, i * STREET_COLS / cols);
                int sr = Math.min(STREET_ROWS - 1, j * STREET_ROWS / rows);
                streetCells.get(sr * STREET_COLS + sc).add(new int[] {i, j});
            }
        }
        return streetCells;
    }

    static Polygon cell(double[][] px, double[][] py, int i, int j) {
        return GeoJson.FACTORY.createPolygon(
                new Coordinate[] {
                    new Coordinate(px[i][j], py[i][j]),
                    new Coordinate(px[i + 1][j], py[i + 1][j]),
                    new Coordinate(px[i + 1][j + 1], py[i + 1][j + 1]),
                    new Coordinate(px[i][j + 1], py[i][j + 1]),
                    new Coordinate(px[i][j], py[i][j])
                });
    }

    private Polygon toWgs(Polygon metres) {
        Coordinate[] cs = metres.getExteriorRing().getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int k = 0; k < cs.length; k++) {
            out[k] = wgs(cs[k].x, cs[k].y);
        }
        Polygon p = GeoJson.FACTORY.createPolygon(out);
        if (p.isValid()) {
            return p;
        }
        // Rounded to 7 decimals of a degree, a clipped cell can fold into a hair-thin spike where
        // the
        // district outline runs along its edge (one grid of Minhang failed `city check`): repair it
        // and
        // keep the largest piece.
        Geometry fixed = GeometryFixer.fix(p);
        Polygon best = p;
        double area = -1;
        for (int k = 0; k < fixed.getNumGeometries(); k++) {
            if (fixed.getGeometryN(k) instanceof Polygon piece && piece.getArea() > area) {
                best = GeoJson.FACTORY.createPolygon(piece.getExteriorRing().getCoordinates());
                area = piece.getArea();
            }
        }
        return best;
    }

    // ---- sites and zones

    private List<Site> constructionSites() {
        SplittableRandom r = random(2);
        List<Site> out = new ArrayList<>();
        List<double[]> centers = new ArrayList<>();
        int attempts = 0;
        while (out.size() < size.constructionSites() && attempts++ < 100_000) {
            double[] spot = roads.randomRoadside(r, 130);
            if (spot == null
                    || tooClose(centers, spot, 500)
                    || !inDistrict(spot[0], spot[1], 300)) {
                continue;
            }
            centers.add(spot);
            out.add(
                    new Site(
                            String.format("CS%03d", out.size() + 1),
                            Site.Kind.CONSTRUCTION,
                            "工地" + (out.size() + 1) + "号",
                            rect(spot[0], spot[1], 70, 70)));
        }
        return out;
    }

    private List<Site> edgeSites(
            Site.Kind kind, int count, double side, String label, long stream) {
        List<Site> out = new ArrayList<>();
        List<double[]> spots =
                outline == null
                        ? roads.edgeRoadEnds(stream == 2 ? 0 : 1)
                        : outline.roadEnds(roads.arterials(), stream == 2 ? 0 : 1);
        SplittableRandom r = random(stream);
        for (int k = 0; k < count && !spots.isEmpty(); k++) {
            double[] s = spots.remove(r.nextInt(spots.size()));
            String id = (kind == Site.Kind.DISPOSAL ? "DS" : "DP") + String.format("%02d", k + 1);
            out.add(
                    new Site(
                            id, kind, label + (k + 1) + "号", rect(s[0], s[1], side / 2, side / 2)));
        }
        return out;
    }

    private static boolean tooClose(List<double[]> others, double[] p, double min) {
        for (double[] o : others) {
            if (Math.hypot(o[0] - p[0], o[1] - p[1]) < min) {
                return true;
            }
        }
        return false;
    }

    private List<Zone> prohibitedZones() {
        SplittableRandom r = random(4);
        List<double[]> blocks =
                new ArrayList<>(
                        roads.blockCenters().stream()
                                .filter(b -> inDistrict(b[0], b[1], 300))
                                .toList());
        List<Zone> out = new ArrayList<>();
        String[] names = {"学校周边", "医院周边", "中心城区", "居民区"};
        for (int k = 0; k < size.prohibitedZones() && !blocks.isEmpty(); k++) {
            double[] c = blocks.remove(r.nextInt(blocks.size()));
            // School run and day time are closed; night transport passes outside these blocks
            // anyway.
            DailyWindow closed =
                    k % 2 == 0 ? DailyWindow.parse("06:00", "22:00") : DailyWindow.ALL_DAY;
            out.add(
                    new Zone(
                            String.format("PZ%02d", k + 1),
                            Zone.Kind.PROHIBITED_TRUCK,
                            names[k % names.length] + "禁行区" + (k + 1),
                            closed,
                            null,
                            rect(c[0], c[1], 250, 250)));
        }
        return out;
    }

    private List<Zone> noiseZones(List<Grid> grids) {
        List<Zone> out = new ArrayList<>();
        java.util.Map<String, List<Geometry>> byStreet = new java.util.TreeMap<>();
        for (Grid g : grids) {
            byStreet.computeIfAbsent(g.streetCode(), k -> new ArrayList<>()).add(g.polygon());
        }
        for (var e : byStreet.entrySet()) {
            int s = Integer.parseInt(e.getKey()) - 1;
            Geometry union = GeoJson.FACTORY.buildGeometry(e.getValue()).union();
            out.add(
                    new Zone(
                            "NZ" + e.getKey(),
                            Zone.Kind.NOISE_CLASS,
                            STREETS[s % STREETS.length] + "声环境功能区",
                            null,
                            STREET_NOISE_CLASS[s % STREET_NOISE_CLASS.length],
                            union));
        }
        return out;
    }

    // ---- trucks, permits, officers, devices

    private List<Truck> trucks() {
        SplittableRandom r = random(5);
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String[] companies = {"申城建筑运输", "闵行渣土清运", "浦江土方工程", "虹桥环卫运输", "莘庄工程车队"};
        List<Truck> out = new ArrayList<>();
        for (int k = 0; k < size.trucks(); k++) {
            String plate =
                    "沪"
                            + letters.charAt(r.nextInt(letters.length()))
                            + String.format("%05d", r.nextInt(100_000));
            out.add(
                    new Truck(
                            String.format("0139%08d", k + 1),
                            plate,
                            companies[k % companies.length]));
        }
        return out;
    }

    private List<Permit> permits(List<Truck> trucks, List<Site> sites) {
        SplittableRandom r = random(6);
        List<Site> construction =
                sites.stream().filter(s -> s.kind() == Site.Kind.CONSTRUCTION).toList();
        List<Site> disposal = sites.stream().filter(s -> s.kind() == Site.Kind.DISPOSAL).toList();
        List<Permit> out = new ArrayList<>();
        DailyWindow hours = new DailyWindow(LocalTime.of(20, 0), LocalTime.of(6, 0));
        for (int k = 0; k < size.permits(); k++) {
            Truck t = trucks.get(k);
            Site from = construction.get(r.nextInt(construction.size()));
            double[] fc = centre(from);
            // Trucks go to one of the two nearest disposal sites.
            List<Site> nearest = new ArrayList<>(disposal);
            nearest.sort(
                    Comparator.comparingDouble(
                            d -> Math.hypot(centre(d)[0] - fc[0], centre(d)[1] - fc[1])));
            Site to = nearest.get(r.nextInt(Math.min(2, nearest.size())));
            List<double[]> path = roads.route(fc, centre(to));
            Coordinate[] cs = path.stream().map(p -> wgs(p[0], p[1])).toArray(Coordinate[]::new);
            out.add(
                    new Permit(
                            String.format("ZY%s%04d", permitsIssued.getYear(), k + 1),
                            t.truckId(),
                            t.plate(),
                            permitsIssued.minusDays(30),
                            permitsIssued.plusDays(90),
                            hours,
                            from.siteId(),
                            to.siteId(),
                            GeoJson.FACTORY.createLineString(cs),
                            null));
        }
        return out;
    }

    double[] centre(Site s) {
        Coordinate c = s.polygon().getCentroid().getCoordinate();
        return new double[] {proj.x(c.x), proj.y(c.y)};
    }

    private List<Officer> officers(List<Grid> grids) {
        List<Officer> out = new ArrayList<>();
        DailyWindow early = DailyWindow.parse("07:00", "15:00");
        DailyWindow late = DailyWindow.parse("14:00", "22:00");
        // Grids of one community, in code order, in groups: each group has an early and a late
        // officer.
        java.util.Map<String, List<Grid>> byCommunity = new java.util.TreeMap<>();
        for (Grid g : grids) {
            byCommunity
                    .computeIfAbsent(g.streetCode() + g.communityCode(), k -> new ArrayList<>())
                    .add(g);
        }
        int n = 0;
        for (List<Grid> community : byCommunity.values()) {
            for (List<Grid> group :
                    outline == null
                            ? consecutive(community, size.gridsPerOfficer())
                            : outline.nearbyGroups(community, size.gridsPerOfficer(), proj)) {
                List<String> codes = group.stream().map(Grid::gridCode).toList();
                for (DailyWindow shift : List.of(early, late)) {
                    n++;
                    out.add(
                            new Officer(
                                    String.format("GW%05d", n),
                                    "网格员" + n,
                                    DISTRICT_NAME,
                                    codes,
                                    shift));
                }
            }
        }
        return out;
    }

    /** Runs of {@code n} grids in code order: neighbours on a rectangular lattice. */
    private static List<List<Grid>> consecutive(List<Grid> grids, int n) {
        List<List<Grid>> out = new ArrayList<>();
        for (int k = 0; k < grids.size(); k += n) {
            out.add(grids.subList(k, Math.min(grids.size(), k + n)));
        }
        return out;
    }

    private List<Device> devices(List<Grid> grids, List<Site> sites) {
        SplittableRandom r = random(7);
        List<Device> out = new ArrayList<>();
        for (int k = 0; k < size.cameras(); k++) {
            Grid g = grids.get(r.nextInt(grids.size()));
            Coordinate c = g.polygon().getInteriorPoint().getCoordinate();
            out.add(
                    new Device(
                            String.format("CAM%04d", k + 1),
                            Device.Kind.CAMERA,
                            GeoJson.round(c.y),
                            GeoJson.round(c.x),
                            String.format("SPOT%04d", k + 1),
                            g.gridCode(),
                            null));
        }
        List<Site> construction =
                sites.stream().filter(s -> s.kind() == Site.Kind.CONSTRUCTION).toList();
        for (int k = 0; k < size.noiseSensors(); k++) {
            double lat;
            double lon;
            String noiseClass;
            String gridCode;
            if (k % 5 == 0 && !construction.isEmpty()) {
                // Every fifth sensor stands at a construction site boundary (GB 12523 limits
                // apply).
                Coordinate c =
                        construction
                                .get(r.nextInt(construction.size()))
                                .polygon()
                                .getExteriorRing()
                                .getCoordinateN(0);
                lat = c.y;
                lon = c.x;
                noiseClass = "construction";
                gridCode = null;
            } else {
                Grid g = grids.get(r.nextInt(grids.size()));
                Coordinate c = g.polygon().getInteriorPoint().getCoordinate();
                lat = c.y;
                lon = c.x;
                noiseClass =
                        STREET_NOISE_CLASS[
                                (Integer.parseInt(g.streetCode()) - 1) % STREET_NOISE_CLASS.length];
                gridCode = g.gridCode();
            }
            out.add(
                    new Device(
                            String.format("NS%04d", k + 1),
                            Device.Kind.NOISE_SENSOR,
                            GeoJson.round(lat),
                            GeoJson.round(lon),
                            null,
                            gridCode,
                            noiseClass));
        }
        return out;
    }
}
