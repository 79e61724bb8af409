package org.gridwatch.common.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A city as a directory of open formats: {@code city.json} (name, centre, time zone), {@code
 * grids.geojson}, {@code sites.geojson}, {@code zones.geojson}, {@code permits.geojson} (RFC 7946
 * FeatureCollections) and {@code trucks.json}, {@code officers.json}, {@code devices.json}, and
 * optionally {@code addresses.json} (the door-plate table; a city without it has no addresses) and
 * {@code shops.geojson} (the shops on file, a FeatureCollection of {@link CityCodec#shop} features;
 * a city without it has no shops).
 */
public final class CityFiles {
    /**
     * The time zone of a city whose {@code city.json} names none, and of a job run without {@code
     * --city}.
     */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * The address table's file, a JSON array of {@code {addressId, address, lat, lon, gridCode}}.
     */
    public static final String ADDRESSES = "addresses.json";

    /** The shops on file (一店一档): frontages as Point or LineString features. */
    public static final String SHOPS = "shops.geojson";

    private CityFiles() {}

    /**
     * The city's time zone from {@code city.json} alone ({@link #DEFAULT_ZONE} when it names none).
     */
    public static ZoneId zone(Path dir) throws IOException {
        return zoneOf(readJson(dir.resolve("city.json")));
    }

    private static ZoneId zoneOf(JsonNode meta) {
        String id = meta.path("timeZone").asText("");
        return id.isBlank() ? DEFAULT_ZONE : ZoneId.of(id);
    }

    public static void write(City city, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeJson(dir.resolve("city.json"), meta(city));
        writeJson(dir.resolve("grids.geojson"), collection(city.grids(), CityCodec::grid));
        writeJson(dir.resolve("sites.geojson"), collection(city.sites(), CityCodec::site));
        writeJson(dir.resolve("zones.geojson"), collection(city.zones(), CityCodec::zone));
        writeJson(dir.resolve("permits.geojson"), collection(city.permits(), CityCodec::permit));
        writeJson(dir.resolve("trucks.json"), array(city.trucks(), CityCodec::truck));
        writeJson(dir.resolve("officers.json"), array(city.officers(), CityCodec::officer));
        writeJson(dir.resolve("devices.json"), array(city.devices(), CityCodec::device));
        if (!city.addresses().isEmpty()) {
            writeJson(dir.resolve(ADDRESSES), array(city.addresses(), CityCodec::address));
        }
        if (!city.shops().isEmpty()) {
            writeJson(dir.resolve(SHOPS), collection(city.shops(), CityCodec::shop));
        }
    }

    /** {@code city.json} of {@code city}: also the payload of its {@code CITY} reference update. */
    public static ObjectNode meta(City city) {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        meta.put("name", city.name());
        meta.put("districtCode", city.districtCode());
        meta.put("centerLat", city.centerLat());
        meta.put("centerLon", city.centerLon());
        meta.put("timeZone", city.zone().getId());
        return meta;
    }

    public static City read(Path dir) throws IOException {
        JsonNode meta = readJson(dir.resolve("city.json"));
        return new City(
                meta.path("name").asText(),
                meta.path("districtCode").asText(),
                meta.path("centerLat").asDouble(),
                meta.path("centerLon").asDouble(),
                zoneOf(meta),
                features(dir.resolve("grids.geojson"), CityCodec::grid),
                features(dir.resolve("sites.geojson"), CityCodec::site),
                features(dir.resolve("zones.geojson"), CityCodec::zone),
                features(dir.resolve("permits.geojson"), CityCodec::permit),
                items(dir.resolve("trucks.json"), CityCodec::truck),
                items(dir.resolve("officers.json"), CityCodec::officer),
                items(dir.resolve("devices.json"), CityCodec::device),
                // Optional: cities written before issue 19 have no address table.
                Files.isRegularFile(dir.resolve(ADDRESSES))
                        ? items(dir.resolve(ADDRESSES), CityCodec::address)
                        : List.of(),
                // Optional: cities written before issue 21 have no shops on file.
                Files.isRegularFile(dir.resolve(SHOPS))
                        ? features(dir.resolve(SHOPS), CityCodec::shop)
                        : List.of());
    }

    private static <T> ObjectNode collection(List<T> items, Function<T, ObjectNode> toFeature) {
        ObjectNode fc = Json.MAPPER.createObjectNode();
        fc.put("type", "FeatureCollection");
        fc.set("features", array(items, toFeature));
        return fc;
    }

    private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> encode) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        items.forEach(i -> a.add(encode.apply(i)));
        return a;
    }

    private static <T> List<T> features(Path file, Function<JsonNode, T> decode)
            throws IOException {
        return items(readJson(file).path("features"), file, decode);
    }

    private static <T> List<T> items(Path file, Function<JsonNode, T> decode) throws IOException {
        return items(readJson(file), file, decode);
    }

    private static <T> List<T> items(JsonNode array, Path file, Function<JsonNode, T> decode)
            throws IOException {
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            try {
                out.add(decode.apply(n));
            } catch (RuntimeException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void writeJson(Path file, JsonNode node) throws IOException {
        Files.write(
                file,
                Json.MAPPER
                        .writer()
                        .without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(node));
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("city file missing: " + file);
        }
        return Json.MAPPER.readTree(file.toFile());
    }
}
