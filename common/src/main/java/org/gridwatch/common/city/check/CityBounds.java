package org.gridwatch.common.city.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.geo.LocalProjection;

import java.util.Locale;

/**
 * A longitude/latitude box that a city's coordinates must lie in. Either written in {@code
 * city.json} as {@code "bounds": [west, south, east, north]}, or by default the box reaching {@link
 * #DEFAULT_REACH_KM} from the city's centre each way: wide enough for a whole prefecture-level city
 * and its outlying disposal sites, narrow enough that data of another city (or in the wrong datum
 * by far more than any datum shift) stands out.
 */
public record CityBounds(double west, double south, double east, double north)
        implements java.io.Serializable {
    public static final double DEFAULT_REACH_KM = 150;

    /**
     * Mainland China, Hainan and Taiwan with a margin. Every Chinese city has a longitude above 73
     * and a latitude below 54, so a position read latitude-first falls outside this box: that is
     * how swapped coordinates are told from merely wrong ones.
     */
    public static final CityBounds CHINA = new CityBounds(73.0, 3.0, 136.0, 54.0);

    public static CityBounds around(double centerLat, double centerLon, double reachKm) {
        LocalProjection p = new LocalProjection(centerLat, centerLon);
        double reachM = reachKm * 1000;
        return new CityBounds(p.lon(-reachM), p.lat(-reachM), p.lon(reachM), p.lat(reachM));
    }

    /**
     * City.json's optional {@code "bounds": [west, south, east, north]} in degrees: null when
     * absent, an IllegalArgumentException saying what is wrong when malformed.
     */
    public static CityBounds fromJson(JsonNode b) {
        if (b == null || b.isNull()) {
            return null;
        }
        if (!b.isArray()
                || b.size() != 4
                || !b.get(0).isNumber()
                || !b.get(1).isNumber()
                || !b.get(2).isNumber()
                || !b.get(3).isNumber()) {
            throw new IllegalArgumentException(
                    "bounds must be [west, south, east, north] in degrees, got " + b);
        }
        CityBounds bounds =
                new CityBounds(
                        b.get(0).asDouble(),
                        b.get(1).asDouble(),
                        b.get(2).asDouble(),
                        b.get(3).asDouble());
        if (bounds.west() >= bounds.east() || bounds.south() >= bounds.north()) {
            throw new IllegalArgumentException(
                    "bounds "
                            + b
                            + " are not [west, south, east, north] with west < east and south < north");
        }
        return bounds;
    }

    public boolean contains(double lon, double lat) {
        return lon >= west && lon <= east && lat >= south && lat <= north;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.4f %.4f, %.4f %.4f]", west, south, east, north);
    }
}
