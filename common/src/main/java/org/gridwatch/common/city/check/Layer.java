package org.gridwatch.common.city.check;

import java.util.List;
import java.util.Set;

/**
 * What the check knows about one file of a city directory: how its entries are identified, which
 * geometry types they may have, and which fields hold times of day, dates and kinds.
 *
 * @param file the file name in the city directory
 * @param idField the property or field holding the entry's id
 * @param idLabel how the id is named in messages ("grid code")
 * @param noun how an entry of a plain JSON file is named ("truck"); null for GeoJSON, whose entries
 *     are features
 * @param geometryTypes the GeoJSON geometry types allowed (empty: no geometry)
 * @param geometryNoun what the geometry is called in messages ("polygon", "route")
 */
record Layer(
        String file,
        String idField,
        String idLabel,
        String noun,
        Set<String> geometryTypes,
        String geometryNoun,
        List<String> timeFields,
        List<String> dateFields,
        List<String> kinds) {

    static final Layer GRIDS =
            new Layer(
                    "grids.geojson",
                    "gridCode",
                    "grid code",
                    null,
                    Set.of("Polygon"),
                    "polygon",
                    List.of("dutyStart", "dutyEnd"),
                    List.of(),
                    List.of());
    static final Layer SITES =
            new Layer(
                    "sites.geojson",
                    "siteId",
                    "site id",
                    null,
                    Set.of("Polygon"),
                    "polygon",
                    List.of(),
                    List.of(),
                    List.of("CONSTRUCTION", "DISPOSAL", "DEPOT"));
    static final Layer ZONES =
            new Layer(
                    "zones.geojson",
                    "zoneId",
                    "zone id",
                    null,
                    Set.of("Polygon", "MultiPolygon"),
                    "polygon",
                    List.of("closedFrom", "closedTo"),
                    List.of(),
                    List.of("PROHIBITED_TRUCK", "NOISE_CLASS"));
    static final Layer PERMITS =
            new Layer(
                    "permits.geojson",
                    "permitId",
                    "permit id",
                    null,
                    Set.of("LineString"),
                    "route",
                    List.of("hoursFrom", "hoursTo"),
                    List.of("validFrom", "validTo"),
                    List.of());
    static final Layer TRUCKS =
            new Layer(
                    "trucks.json",
                    "truckId",
                    "truck id",
                    "truck",
                    Set.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of());
    static final Layer OFFICERS =
            new Layer(
                    "officers.json",
                    "officerId",
                    "officer id",
                    "officer",
                    Set.of(),
                    null,
                    List.of("shiftStart", "shiftEnd"),
                    List.of(),
                    List.of());
    static final Layer DEVICES =
            new Layer(
                    "devices.json",
                    "deviceId",
                    "device id",
                    "device",
                    Set.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of("CAMERA", "NOISE_SENSOR"));

    /** Optional: a city without an address table has no {@code addresses.json}. */
    static final Layer ADDRESSES =
            new Layer(
                    "addresses.json",
                    "addressId",
                    "address id",
                    "address",
                    Set.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of());

    /** Optional: a city without shops on file has no {@code shops.geojson}. */
    static final Layer SHOPS =
            new Layer(
                    "shops.geojson",
                    "shopId",
                    "shop id",
                    null,
                    Set.of("Point", "LineString"),
                    "frontage",
                    List.of(),
                    List.of(),
                    List.of());

    boolean isGeoJson() {
        return noun == null;
    }

    /**
     * "feature 31011200100101", "truck 013900000001", or by position ("feature #3") when the id is
     * missing.
     */
    String subject(String id, int index) {
        return (isGeoJson() ? "feature" : noun) + " " + (id != null ? id : "#" + (index + 1));
    }
}
