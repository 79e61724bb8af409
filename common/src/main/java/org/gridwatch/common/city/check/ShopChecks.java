package org.gridwatch.common.city.check;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.city.check.CityCheck.Checked;
import org.gridwatch.common.city.check.CityCheck.CheckedCity;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.linearref.LengthIndexedLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules for shops on file (一店一档) that need more than the frontage's own geometry: its length,
 * its licence, its grid. Shared by {@code city check}, the reference checks of a SHOP update and
 * {@code city import}, so a shop one of them accepts the others accept too.
 *
 * <p>A shop without gridCode is left as it is when a city is loaded (the files are the record, and
 * {@code CityFiles} round-trips them unchanged); {@code city import} fills it from the grid
 * containing the frontage's {@link #midpoint}, and {@code city check} warns and names that grid.
 */
public final class ShopChecks {
    /**
     * Longest frontage: a shop front is a few metres to a few tens of metres; a line longer than
     * this is a street or a block traced by mistake, and would attract every detection along it.
     */
    public static final double MAX_FRONTAGE_M = 200;

    /** GB 32100-2015 characters, in the order of their values 0..30 (no I, O, Z, S, V). */
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private ShopChecks() {}

    /** The frontage's length on the ground in metres (0 for a point). */
    public static double frontageMetres(Geometry frontage) {
        Coordinate[] c = frontage.getCoordinates();
        double m = 0;
        for (int i = 1; i < c.length; i++) {
            m += LocalProjection.haversineMetres(c[i - 1].y, c[i - 1].x, c[i].y, c[i].x);
        }
        return m;
    }

    /**
     * The point a shop is placed by (its grid, the map): the point itself, or halfway along a
     * LineString frontage.
     */
    public static Point midpoint(Geometry frontage) {
        if (frontage instanceof LineString line && !line.isEmpty()) {
            return GeoJson.FACTORY.createPoint(
                    new LengthIndexedLine(line).extractPoint(line.getLength() / 2));
        }
        return frontage.getCentroid();
    }

    /** The code of the first grid covering {@code frontage}'s midpoint, or null. */
    public static String gridOf(Geometry frontage, List<Grid> grids) {
        Point at = midpoint(frontage);
        return grids.stream()
                .filter(g -> g.polygon().covers(at))
                .map(Grid::gridCode)
                .findFirst()
                .orElse(null);
    }

    /**
     * The check character of an 18-character unified social credit code (统一社会信用代码, GB 32100-2015)
     * from its first 17: each character's value (its index in {@link #USCC_CHARS}) times 3^i mod
     * 31, summed; the check value is 31 minus the sum mod 31, where 31 is 0. Returns 0 (no
     * character) when one of the 17 is not a code character.
     */
    static char usccCheckChar(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            int v = USCC_CHARS.indexOf(first17.charAt(i));
            if (v < 0) {
                return 0;
            }
            sum += v * weight;
            weight = weight * 3 % 31;
        }
        return USCC_CHARS.charAt((31 - sum % 31) % 31);
    }

    /** Whether {@code code} is 18 code characters whose last is the check character of the rest. */
    public static boolean validUscc(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        String c = code.toUpperCase(Locale.ROOT);
        char check = usccCheckChar(c.substring(0, 17));
        return check != 0 && c.charAt(17) == check;
    }

    /** city check's shop rules; the frontage's type and bounds were checked with its geometry. */
    static void run(CheckedCity city, Problems problems) {
        Map<String, Grid> grids = new LinkedHashMap<>();
        city.grids().stream()
                .filter(g -> g.value() != null)
                .forEach(g -> grids.putIfAbsent(g.value().gridCode(), g.value()));
        List<Grid> gridList =
                city.grids().stream().filter(Checked::geometryValid).map(Checked::value).toList();
        for (Checked<Shop> c : city.shops()) {
            Shop s = c.value();
            if (s == null) {
                continue;
            }
            if (c.geometryValid()) {
                double m = frontageMetres(s.frontage());
                if (m > MAX_FRONTAGE_M) {
                    c.at().error(
                                    String.format(
                                            Locale.ROOT,
                                            "frontage is %.0f m long; at most %.0f m (a shop front, not a street)",
                                            m,
                                            MAX_FRONTAGE_M));
                }
            }
            String licence = s.licence() == null ? null : s.licence().trim();
            if (licence != null && licence.length() == 18 && !validUscc(licence)) {
                c.at().warning(
                                "licence "
                                        + licence
                                        + " is 18 characters but not a valid unified social credit code (GB 32100-2015 check character)");
            }
            grid(c, s, grids, gridList);
        }
    }

    private static void grid(Checked<Shop> c, Shop s, Map<String, Grid> grids, List<Grid> all) {
        String in = c.geometryValid() ? gridOf(s.frontage(), all) : null;
        if (s.gridCode() == null || s.gridCode().isBlank()) {
            c.at().warning(
                            "no gridCode"
                                    + (in != null
                                            ? "; its frontage lies in grid " + in
                                            : c.geometryValid()
                                                    ? "; its frontage lies in no grid"
                                                    : ""));
        } else if (!grids.containsKey(s.gridCode())) {
            c.at().error("grid " + s.gridCode() + " is not in " + Layer.GRIDS.file());
        } else if (in != null && !in.equals(s.gridCode())) {
            c.at().warning("gridCode is " + s.gridCode() + " but its frontage lies in grid " + in);
        }
    }
}
