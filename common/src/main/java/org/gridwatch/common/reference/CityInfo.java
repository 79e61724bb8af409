package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.city.check.CityCheck;
import org.gridwatch.common.model.ReasonCodes;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * What a job needs to know about the city itself, as the {@code CITY} reference update carries it
 * (the payload is {@code city.json}): its time zone (local clocks, hours, working days), its centre
 * (the plane distances are measured on) and the box every position must lie in. A job run without
 * {@code --city} takes all three from this record on {@code gridwatch.reference}, never from a
 * constant.
 *
 * @param bounds {@code "bounds": [west, south, east, north]} when given, else {@link
 *     CityBounds#DEFAULT_REACH_KM} around the centre
 */
public record CityInfo(
        String name, ZoneId zone, double centerLat, double centerLon, CityBounds bounds)
        implements Serializable {
    /** The one id of the {@code CITY} record: a reference topic describes one city. */
    public static final String ID = "city";

    public static final String KIND = "CITY";

    /**
     * The city of {@code city.json}'s fields; {@link ReferenceRejected} ({@code bad_reference})
     * naming what is wrong.
     */
    public static CityInfo decode(JsonNode meta) {
        if (meta == null || !meta.isObject()) {
            throw rejected("the payload must be city.json's object");
        }
        String zone = meta.path("timeZone").asText("");
        if (!CityCheck.isIanaZone(zone)) {
            throw rejected(
                    "timeZone '" + zone + "' is not an IANA time zone id (such as Asia/Shanghai)");
        }
        JsonNode lat = meta.get("centerLat");
        JsonNode lon = meta.get("centerLon");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw rejected("centerLat and centerLon must be numbers");
        }
        if (!CityBounds.CHINA.contains(lon.asDouble(), lat.asDouble())) {
            throw rejected(
                    "the centre ("
                            + lat.asDouble()
                            + ", "
                            + lon.asDouble()
                            + ") is not in China (latitude and longitude swapped?)");
        }
        return new CityInfo(
                meta.path("name").asText(""),
                ZoneId.of(zone),
                lat.asDouble(),
                lon.asDouble(),
                bounds(meta.get("bounds"), lat.asDouble(), lon.asDouble()));
    }

    private static CityBounds bounds(JsonNode b, double lat, double lon) {
        try {
            CityBounds bounds = CityBounds.fromJson(b);
            return bounds != null
                    ? bounds
                    : CityBounds.around(lat, lon, CityBounds.DEFAULT_REACH_KM);
        } catch (IllegalArgumentException e) {
            throw rejected(e.getMessage());
        }
    }

    private static ReferenceRejected rejected(String why) {
        return new ReferenceRejected(ReasonCodes.BAD_REFERENCE, why);
    }
}
