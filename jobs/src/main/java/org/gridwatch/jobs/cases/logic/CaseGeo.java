package org.gridwatch.jobs.cases.logic;

/**
 * Distances and the spatial cells repeat merging is keyed by. Cells are fixed squares of {@link
 * #CELL_DEGREES} in latitude and longitude (about 555 m north-south and 475 m east-west at
 * Shanghai's latitude); they are the key space, so they never change at runtime. Two points closer
 * than a cell's width lie in the same or adjacent cells, which is why a complaint needs to look
 * only at its own cell and the 8 neighbours; the merge radius is therefore capped at {@link
 * #maxRadiusM}.
 */
public final class CaseGeo {
    public static final double CELL_DEGREES = 0.005;
    private static final double EARTH_M_PER_DEGREE = 111_320.0;

    private CaseGeo() {}

    /**
     * Ground distance in metres (equirectangular; well under 0.1 % error at a few hundred metres).
     */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double meanLat = Math.toRadians((lat1 + lat2) / 2);
        double dy = (lat2 - lat1) * EARTH_M_PER_DEGREE;
        double dx = (lon2 - lon1) * EARTH_M_PER_DEGREE * Math.cos(meanLat);
        return Math.sqrt(dx * dx + dy * dy);
    }

    public static long cellX(double lon) {
        return (long) Math.floor(lon / CELL_DEGREES);
    }

    public static long cellY(double lat) {
        return (long) Math.floor(lat / CELL_DEGREES);
    }

    public static String cellKey(long x, long y) {
        return x + ":" + y;
    }

    /**
     * The largest radius the 3 x 3 cell neighbourhood covers at this latitude (the cell's east-west
     * width).
     */
    public static double maxRadiusM(double lat) {
        return CELL_DEGREES
                * EARTH_M_PER_DEGREE
                * Math.cos(Math.toRadians(Math.abs(lat) + CELL_DEGREES));
    }
}
