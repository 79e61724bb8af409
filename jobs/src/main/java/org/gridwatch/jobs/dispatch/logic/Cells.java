package org.gridwatch.jobs.dispatch.logic;

import org.gridwatch.common.geo.LocalProjection;

/**
 * Square-ish spatial cells that key the nearest-officer join. An alert goes to the one cell that
 * contains it; an officer's fix goes to every cell whose area, widened by the search radius,
 * contains the fix, so every officer within the radius of an alert is in the alert's cell.
 *
 * <p>Rows are {@value #SIDE_FACTOR} radii high in latitude. Within a row the columns are at least
 * as wide on the ground, measured at the row's most poleward latitude plus half a row (where a
 * degree of longitude is shortest), so the widened areas of at most two rows and two columns hold a
 * point: at most four cells per fix. The widening is the radius plus {@value #MARGIN} (0.5 %),
 * which covers the difference between the great-circle distance and the per-axis degree bounds at a
 * few kilometres. The grid needs no origin and no projection: the same point always gets the same
 * cell, in every job and after every reference change. Longitude does not wrap at ±180°.
 */
public final class Cells {
    private Cells() {}

    /** Cell side in radii; more than 2 so that a widened interval spans at most two cells. */
    static final double SIDE_FACTOR = 2.02;

    /** Widening beyond the radius, relative. */
    static final double MARGIN = 0.005;

    private static final double M_PER_DEG = Math.toRadians(1) * LocalProjection.EARTH_RADIUS_M;
    private static final double MAX_LAT = 89;

    /** The cell holding an alert at {@code lat}/{@code lon}, for search radius {@code radiusM}. */
    public static long cellOf(double lat, double lon, double radiusM) {
        double h = rowHeight(radiusM);
        long row = (long) Math.floor(lat / h);
        long col = (long) Math.floor(lon / colWidth(row, h, radiusM));
        return key(row, col);
    }

    /**
     * The cells a fix at {@code lat}/{@code lon} goes to (one to four, no repeats): every cell an
     * alert within {@code radiusM} of the fix can be in.
     */
    public static long[] cellsFor(double lat, double lon, double radiusM) {
        double h = rowHeight(radiusM);
        double w = radiusM * (1 + MARGIN) / M_PER_DEG;
        long rowLo = (long) Math.floor((lat - w) / h);
        long rowHi = (long) Math.floor((lat + w) / h);
        long[] cells = new long[4];
        int n = 0;
        for (long row = rowLo; row <= rowHi; row++) {
            double width = colWidth(row, h, radiusM);
            double wLon = w / Math.cos(Math.toRadians(poleward(row, h)));
            long colLo = (long) Math.floor((lon - wLon) / width);
            long colHi = (long) Math.floor((lon + wLon) / width);
            for (long col = colLo; col <= colHi; col++) {
                cells[n++] = key(row, col);
            }
        }
        return n == 4 ? cells : java.util.Arrays.copyOf(cells, n);
    }

    /** Row and column in one long: the row in the high 32 bits, the column in the low. */
    public static long key(long row, long col) {
        return (row << 32) | (col & 0xFFFF_FFFFL);
    }

    public static int row(long key) {
        return (int) (key >> 32);
    }

    public static int col(long key) {
        return (int) key;
    }

    private static double rowHeight(double radiusM) {
        return SIDE_FACTOR * radiusM / M_PER_DEG;
    }

    /** Column width in degrees of longitude: at least the side on the ground in all of the row. */
    private static double colWidth(long row, double h, double radiusM) {
        return SIDE_FACTOR * radiusM / (M_PER_DEG * Math.cos(Math.toRadians(poleward(row, h))));
    }

    /** The row's most poleward latitude plus half a row (how far an officer in reach can be). */
    private static double poleward(long row, double h) {
        double edge = Math.max(Math.abs(row * h), Math.abs((row + 1) * h));
        return Math.min(MAX_LAT, edge + h / 2);
    }
}
