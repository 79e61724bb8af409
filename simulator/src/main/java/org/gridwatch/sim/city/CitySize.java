package org.gridwatch.sim.city;

/**
 * How big the generated city is. Defaults match Minhang district, Shanghai: about 1,000 fixed unit
 * grids over about 370 km², hundreds of officers, trucks, cameras and sensors.
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
        int noiseSensors) {

    public static final CitySize MINHANG = new CitySize(20, 18.5, 32, 31, 60, 6, 4, 8, 300, 270, 4, 200, 100);

    /** A small city for tests: same structure, a fraction of the size. */
    public static final CitySize SMALL = new CitySize(6, 5, 8, 7, 8, 2, 1, 2, 20, 16, 4, 20, 10);

    public CitySize {
        if (gridCols < 2 || gridRows < 2 || widthKm <= 0 || heightKm <= 0) {
            throw new IllegalArgumentException("a city needs at least 2 x 2 grids and a positive size");
        }
        if (permits > trucks) {
            throw new IllegalArgumentException("more permits (" + permits + ") than trucks (" + trucks + ")");
        }
        if (constructionSites < 1 || disposalSites < 1) {
            throw new IllegalArgumentException("trucks need at least one construction and one disposal site");
        }
    }
}
