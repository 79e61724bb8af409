package org.gridwatch.common.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.rules.DailyWindow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Each kind of reference object as JSON: GeoJSON Features for things with a shape (grids, sites,
 * zones, permits with their route), plain objects for the rest. The same shapes are the files of a
 * city directory and the payloads of {@code gridwatch.reference} updates.
 */
public final class CityCodec {
    private CityCodec() {}

    private static ObjectNode feature(
            String id, org.locationtech.jts.geom.Geometry g, ObjectNode props) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("type", "Feature");
        f.put("id", id);
        f.set("geometry", GeoJson.write(g));
        f.set("properties", props);
        return f;
    }

    private static ObjectNode props() {
        return Json.MAPPER.createObjectNode();
    }

    private static JsonNode p(JsonNode feature) {
        return feature.path("properties");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalArgumentException(
                    "reference object lacks '" + field + "': " + clip(n));
        }
        return v.asText();
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String clip(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    // ---- grids

    public static ObjectNode grid(Grid g) {
        ObjectNode p = props();
        p.put("gridCode", g.gridCode());
        p.put("districtCode", g.districtCode());
        p.put("districtName", g.districtName());
        p.put("streetCode", g.streetCode());
        p.put("streetName", g.streetName());
        p.put("communityCode", g.communityCode());
        p.put("communityName", g.communityName());
        p.put("dutyStart", g.duty().start().toString());
        p.put("dutyEnd", g.duty().end().toString());
        p.put("maxGapMinutes", g.maxGapMinutes());
        return feature(g.gridCode(), g.polygon(), p);
    }

    public static Grid grid(JsonNode f) {
        JsonNode p = p(f);
        return new Grid(
                text(p, "gridCode"),
                text(p, "districtCode"),
                text(p, "districtName"),
                text(p, "streetCode"),
                text(p, "streetName"),
                text(p, "communityCode"),
                text(p, "communityName"),
                DailyWindow.parse(text(p, "dutyStart"), text(p, "dutyEnd")),
                p.path("maxGapMinutes").asInt(120),
                GeoJson.readPolygon(f.path("geometry")));
    }

    // ---- sites

    public static ObjectNode site(Site s) {
        ObjectNode p = props();
        p.put("siteId", s.siteId());
        p.put("kind", s.kind().name());
        p.put("name", s.name());
        return feature(s.siteId(), s.polygon(), p);
    }

    public static Site site(JsonNode f) {
        JsonNode p = p(f);
        return new Site(
                text(p, "siteId"),
                Site.Kind.valueOf(text(p, "kind")),
                text(p, "name"),
                GeoJson.readPolygon(f.path("geometry")));
    }

    // ---- zones

    public static ObjectNode zone(Zone z) {
        ObjectNode p = props();
        p.put("zoneId", z.zoneId());
        p.put("kind", z.kind().name());
        p.put("name", z.name());
        if (z.closedHours() != null) {
            p.put("closedFrom", z.closedHours().start().toString());
            p.put("closedTo", z.closedHours().end().toString());
        }
        p.put("noiseClass", z.noiseClass());
        return feature(z.zoneId(), z.polygon(), p);
    }

    public static Zone zone(JsonNode f) {
        JsonNode p = p(f);
        String from = optText(p, "closedFrom");
        String to = optText(p, "closedTo");
        return new Zone(
                text(p, "zoneId"),
                Zone.Kind.valueOf(text(p, "kind")),
                text(p, "name"),
                from == null || to == null ? null : DailyWindow.parse(from, to),
                optText(p, "noiseClass"),
                GeoJson.read(f.path("geometry")));
    }

    // ---- permits (the route is the geometry)

    public static ObjectNode permit(Permit x) {
        ObjectNode p = props();
        p.put("permitId", x.permitId());
        p.put("truckId", x.truckId());
        p.put("plate", x.plate());
        p.put("validFrom", x.validFrom().toString());
        p.put("validTo", x.validTo().toString());
        p.put("hoursFrom", x.hours().start().toString());
        p.put("hoursTo", x.hours().end().toString());
        p.put("sourceSiteId", x.sourceSiteId());
        p.put("disposalSiteId", x.disposalSiteId());
        if (x.speedLimitKmh() != null) {
            p.put("speedLimitKmh", x.speedLimitKmh());
        }
        return feature(x.permitId(), x.route(), p);
    }

    public static Permit permit(JsonNode f) {
        JsonNode p = p(f);
        JsonNode limit = p.get("speedLimitKmh");
        return new Permit(
                text(p, "permitId"),
                text(p, "truckId"),
                optText(p, "plate"),
                LocalDate.parse(text(p, "validFrom")),
                LocalDate.parse(text(p, "validTo")),
                DailyWindow.parse(text(p, "hoursFrom"), text(p, "hoursTo")),
                text(p, "sourceSiteId"),
                text(p, "disposalSiteId"),
                GeoJson.readLineString(f.path("geometry")),
                limit == null || limit.isNull() ? null : limit.asDouble());
    }

    // ---- plain objects

    public static ObjectNode truck(Truck t) {
        ObjectNode n = props();
        n.put("truckId", t.truckId());
        n.put("plate", t.plate());
        n.put("company", t.company());
        if (t.terminalPhone() != null) {
            n.put("terminalPhone", t.terminalPhone());
        }
        return n;
    }

    public static Truck truck(JsonNode n) {
        return new Truck(
                text(n, "truckId"),
                optText(n, "plate"),
                optText(n, "company"),
                optText(n, "terminalPhone"));
    }

    public static ObjectNode officer(Officer o) {
        ObjectNode n = props();
        n.put("officerId", o.officerId());
        n.put("name", o.name());
        n.put("districtName", o.districtName());
        ArrayNode grids = n.putArray("gridCodes");
        o.gridCodes().forEach(grids::add);
        n.put("shiftStart", o.shift().start().toString());
        n.put("shiftEnd", o.shift().end().toString());
        return n;
    }

    public static Officer officer(JsonNode n) {
        List<String> grids = new ArrayList<>();
        n.path("gridCodes").forEach(g -> grids.add(g.asText()));
        return new Officer(
                text(n, "officerId"),
                optText(n, "name"),
                optText(n, "districtName"),
                grids,
                DailyWindow.parse(text(n, "shiftStart"), text(n, "shiftEnd")));
    }

    public static ObjectNode device(Device d) {
        ObjectNode n = props();
        n.put("deviceId", d.deviceId());
        n.put("kind", d.kind().name());
        n.put("lat", GeoJson.round(d.lat()));
        n.put("lon", GeoJson.round(d.lon()));
        n.put("spotId", d.spotId());
        n.put("gridCode", d.gridCode());
        n.put("noiseClass", d.noiseClass());
        return n;
    }

    public static Device device(JsonNode n) {
        return new Device(
                text(n, "deviceId"),
                Device.Kind.valueOf(text(n, "kind")),
                n.path("lat").asDouble(),
                n.path("lon").asDouble(),
                optText(n, "spotId"),
                optText(n, "gridCode"),
                optText(n, "noiseClass"));
    }

    // ---- shops (一店一档)

    public static ObjectNode shop(Shop s) {
        ObjectNode p = props();
        p.put("shopId", s.shopId());
        p.put("name", s.name());
        p.put("licence", s.licence());
        p.put("address", s.address());
        p.put("category", s.category());
        p.put("gridCode", s.gridCode());
        return feature(s.shopId(), s.frontage(), p);
    }

    /** A shop from its GeoJSON Feature; the frontage must be a Point or a LineString. */
    public static Shop shop(JsonNode f) {
        JsonNode p = p(f);
        org.locationtech.jts.geom.Geometry frontage = GeoJson.read(f.path("geometry"));
        if (!(frontage instanceof org.locationtech.jts.geom.Point)
                && !(frontage instanceof org.locationtech.jts.geom.LineString)) {
            throw new IllegalArgumentException(
                    "a shop's frontage must be a Point or a LineString, not "
                            + frontage.getGeometryType()
                            + ": "
                            + clip(f));
        }
        return new Shop(
                text(p, "shopId"),
                text(p, "name"),
                optText(p, "licence"),
                optText(p, "address"),
                optText(p, "category"),
                frontage,
                optText(p, "gridCode"));
    }

    // ---- addresses

    public static ObjectNode address(Address a) {
        ObjectNode n = props();
        n.put("addressId", a.addressId());
        n.put("address", a.text());
        n.put("lat", GeoJson.round(a.lat()));
        n.put("lon", GeoJson.round(a.lon()));
        n.put("gridCode", a.gridCode());
        return n;
    }

    public static Address address(JsonNode n) {
        JsonNode lat = n.get("lat");
        JsonNode lon = n.get("lon");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw new IllegalArgumentException("address lacks numeric 'lat' and 'lon': " + clip(n));
        }
        return new Address(
                text(n, "addressId"),
                text(n, "address"),
                lat.asDouble(),
                lon.asDouble(),
                optText(n, "gridCode"));
    }
}
