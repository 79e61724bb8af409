package org.gridwatch.sim.city;

/**
 * How big the generated city is, and on which real district outline, if any ({@code outline}: a
 * class-path GeoJSON; null for a plain rectangle of width x height). Defaults match Minhang
 * district, Shanghai: about 1,000 fixed unit grids over about 370 km², hundreds of officers,
 * trucks, cameras and sensors.
 */
public record CitySize(
        double widthKm,
        double heightKm,
        int gridCols,
        int gridRows,
        int constructionSites,
        int disposalSites,
        int depots,
        int prohibitedZones,
        int trucks,
        int permits,
        int gridsPerOfficer,
        int cameras,
        int noiseSensors,
        String outline) {

    /**
     * Minhang district: its real outline (372.9 km², {@code city/minhang-outline.geojson}) under a
     * lattice of about 610 m cells that covers it; the cells inside, clipped to the outline, are
     * the grids.
     */
    public static final CitySize MINHANG =
            new CitySize(
                    37,
                    34.5,
                    61,
                    57,
                    60,
                    6,
                    4,
                    8,
                    300,
                    270,
                    4,
                    200,
                    100,
                    "/city/minhang-outline.geojson");

    /** A small city for tests: same structure, a fraction of the size. */
    public static final CitySize SMALL =
            new CitySize(6, 5, 8, 7, 8, 2, 1, 2, 20, 16, 4, 20, 10, null);

    public CitySize {
        if (gridCols < 2 || gridRows < 2 || widthKm <= 0 || heightKm <= 0) {
            throw new IllegalArgumentException(
                    "a city needs at least 2 x 2 grids and a positive size");
        }
        if (permits > trucks) {
            throw new IllegalArgumentException(
                    "more permits (" + permits + ") than trucks (" + trucks + ")");
        }
        if (constructionSites < 1 || disposalSites < 1) {
            throw new IllegalArgumentException(
                    "trucks need at least one construction and one disposal site");
        }
    }
}
