package org.gridwatch.common.city.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Validates a city directory (the files {@link CityFiles} reads) and lists every problem found,
 * with the file, the feature or entry, and the reason. Unlike {@link CityFiles#read}, which stops
 * at the first entry it cannot decode, this reads every entry on its own so that one run shows
 * everything to fix. Plain Java (no Flink) so jobs can reuse the same rules on reference updates.
 *
 * <p>What is checked, and how serious it is, is listed in the README ("Onboarding your city").
 */
public final class CityCheck {
    /**
     * The files of a city directory, in the order problems are reported ({@code addresses.json} and
     * {@code shops.geojson} are optional and come last).
     */
    public static final List<String> FILES =
            List.of(
                    "city.json",
                    "grids.geojson",
                    "sites.geojson",
                    "zones.geojson",
                    "permits.geojson",
                    "trucks.json",
                    "officers.json",
                    "devices.json");

    private CityCheck() {}

    /**
     * Every problem of the city in {@code dir}.
     *
     * @throws IOException when {@code dir} is not a readable directory or holds none of the city
     *     files
     */
    public static List<Problem> check(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            throw new IOException(dir + " is not a readable directory");
        }
        if (FILES.stream().noneMatch(f -> Files.exists(dir.resolve(f)))) {
            throw new IOException(
                    dir + " holds none of the city files (" + String.join(", ", FILES) + ")");
        }
        Problems problems = new Problems();
        CityMeta meta = CityMeta.read(dir, problems);
        CheckedCity city =
                new CheckedCity(
                        meta,
                        layer(dir, Layer.GRIDS, meta.bounds(), problems, CityCodec::grid),
                        layer(dir, Layer.SITES, meta.bounds(), problems, CityCodec::site),
                        layer(dir, Layer.ZONES, meta.bounds(), problems, CityCodec::zone),
                        layer(dir, Layer.PERMITS, meta.bounds(), problems, CityCodec::permit),
                        layer(dir, Layer.TRUCKS, meta.bounds(), problems, CityCodec::truck),
                        layer(dir, Layer.OFFICERS, meta.bounds(), problems, CityCodec::officer),
                        layer(dir, Layer.DEVICES, meta.bounds(), problems, CityCodec::device),
                        Files.exists(dir.resolve(Layer.ADDRESSES.file()))
                                ? layer(
                                        dir,
                                        Layer.ADDRESSES,
                                        meta.bounds(),
                                        problems,
                                        CityCodec::address)
                                : List.of(),
                        Files.exists(dir.resolve(Layer.SHOPS.file()))
                                ? layer(dir, Layer.SHOPS, meta.bounds(), problems, CityCodec::shop)
                                : List.of());
        CrossChecks.run(city, problems);
        return Problems.grouped(problems.list());
    }

    /**
     * The box a city's positions must lie in (as {@link #check} applies it): {@code bounds} of
     * {@code city.json}, else {@link CityBounds#DEFAULT_REACH_KM} around its centre; null when
     * neither is usable.
     */
    public static CityBounds bounds(Path dir) {
        return CityMeta.read(dir, new Problems()).bounds();
    }

    /** One entry of a file, decoded when it could be (else {@code value} is null). */
    record Checked<T>(
            Layer layer, int index, String id, Problems.At at, T value, boolean geometryValid) {}

    /** Everything read, for the checks across files. */
    record CheckedCity(
            CityMeta meta,
            List<Checked<org.gridwatch.common.city.Grid>> grids,
            List<Checked<org.gridwatch.common.city.Site>> sites,
            List<Checked<org.gridwatch.common.city.Zone>> zones,
            List<Checked<org.gridwatch.common.city.Permit>> permits,
            List<Checked<org.gridwatch.common.city.Truck>> trucks,
            List<Checked<org.gridwatch.common.city.Officer>> officers,
            List<Checked<org.gridwatch.common.city.Device>> devices,
            List<Checked<org.gridwatch.common.city.Address>> addresses,
            List<Checked<org.gridwatch.common.city.Shop>> shops) {

        /**
         * The plane areas and distances are measured on: the city's centre, else its first grid.
         */
        LocalProjection plane() {
            if (meta.centreUsable()) {
                return new LocalProjection(meta.centerLat(), meta.centerLon());
            }
            return grids.stream()
                    .filter(Checked::geometryValid)
                    .findFirst()
                    .map(
                            g ->
                                    new LocalProjection(
                                            g.value().polygon().getCentroid().getY(),
                                            g.value().polygon().getCentroid().getX()))
                    .orElse(new LocalProjection(35, 105));
        }
    }

    private static <T> List<Checked<T>> layer(
            Path dir,
            Layer layer,
            CityBounds bounds,
            Problems problems,
            Function<JsonNode, T> decode) {
        JsonNode entries = entries(dir, layer, problems);
        List<Checked<T>> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(entry(entries.get(i), i, layer, bounds, problems, decode));
        }
        return out;
    }

    /**
     * The file's features (GeoJSON) or items (JSON array); empty after reporting a file that is
     * missing or malformed.
     */
    private static JsonNode entries(Path dir, Layer layer, Problems problems) {
        Problems.At file = problems.at(layer.file(), null);
        JsonNode root = readJson(dir.resolve(layer.file()), file);
        if (root == null) {
            return Json.MAPPER.createArrayNode();
        }
        JsonNode entries = layer.isGeoJson() ? root.path("features") : root;
        if (layer.isGeoJson() && !"FeatureCollection".equals(root.path("type").asText())) {
            file.error(
                    "not a GeoJSON FeatureCollection (\"type\" is '"
                            + root.path("type").asText()
                            + "')");
            return Json.MAPPER.createArrayNode();
        }
        if (!entries.isArray()) {
            file.error(layer.isGeoJson() ? "\"features\" is not an array" : "not a JSON array");
            return Json.MAPPER.createArrayNode();
        }
        return entries;
    }

    static JsonNode readJson(Path file, Problems.At at) {
        if (!Files.isRegularFile(file)) {
            at.error("file missing");
            return null;
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            at.error(
                    "not JSON: "
                            + e.getOriginalMessage()
                            + " (line "
                            + e.getLocation().getLineNr()
                            + ")");
        } catch (IOException e) {
            at.error("cannot be read: " + e.getMessage());
        }
        return null;
    }

    private static <T> Checked<T> entry(
            JsonNode node,
            int index,
            Layer layer,
            CityBounds bounds,
            Problems problems,
            Function<JsonNode, T> decode) {
        JsonNode fields = layer.isGeoJson() ? node.path("properties") : node;
        String id = idOf(node, fields, layer);
        Problems.At at = problems.at(layer.file(), layer.subject(id, index));
        boolean readable = fieldsParse(fields, layer, at);
        boolean geometryValid = false;
        if (layer.isGeoJson()) {
            Geometry g = geometry(node.path("geometry"), layer, at);
            readable &= g != null;
            geometryValid = g != null && GeometryCheck.check(g, layer.geometryNoun(), bounds, at);
        }
        T value = null;
        if (readable) {
            try {
                value = decode.apply(node);
            } catch (RuntimeException e) {
                at.error("cannot be read: " + withoutJson(e.getMessage()));
            }
        }
        return new Checked<>(layer, index, id, at, value, geometryValid && value != null);
    }

    private static String idOf(JsonNode node, JsonNode fields, Layer layer) {
        JsonNode id = fields.get(layer.idField());
        if (id == null || id.isNull() || id.asText().isBlank()) {
            id = layer.isGeoJson() ? node.get("id") : null;
        }
        return id == null || id.isNull() || id.asText().isBlank() ? null : id.asText();
    }

    /**
     * Times, dates and kinds, checked before decoding so the message names the field and the value.
     */
    private static boolean fieldsParse(JsonNode fields, Layer layer, Problems.At at) {
        boolean ok = true;
        for (String f : layer.timeFields()) {
            String v = text(fields, f);
            if (v != null && !parses(() -> LocalTime.parse(v))) {
                at.error(f + " '" + v + "' is not a time of day (HH:mm)");
                ok = false;
            }
        }
        for (String f : layer.dateFields()) {
            String v = text(fields, f);
            if (v != null && !parses(() -> LocalDate.parse(v))) {
                at.error(f + " '" + v + "' is not a date (yyyy-MM-dd)");
                ok = false;
            }
        }
        String kind = text(fields, "kind");
        if (!layer.kinds().isEmpty() && kind != null && !layer.kinds().contains(kind)) {
            at.error("kind '" + kind + "' is not one of " + String.join(", ", layer.kinds()));
            ok = false;
        }
        return ok;
    }

    private static Geometry geometry(JsonNode g, Layer layer, Problems.At at) {
        if (g.isMissingNode() || g.isNull()) {
            at.error("no geometry");
            return null;
        }
        String type = g.path("type").asText();
        if (!layer.geometryTypes().contains(type)) {
            at.error(
                    layer.geometryNoun()
                            + " is a "
                            + (type.isEmpty() ? "geometry without a type" : type)
                            + ", not a "
                            + String.join(
                                    " or ", layer.geometryTypes().stream().sorted().toList()));
            return null;
        }
        try {
            return GeoJson.read(g);
        } catch (RuntimeException e) {
            at.error("invalid " + layer.geometryNoun() + ": " + e.getMessage());
            return null;
        }
    }

    static String text(JsonNode fields, String field) {
        JsonNode v = fields.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * CityCodec's messages end with the offending JSON; the subject already says which entry it is.
     */
    private static String withoutJson(String message) {
        if (message == null) {
            return "unknown reason";
        }
        int cut = message.indexOf(": {");
        return cut > 0 ? message.substring(0, cut) : message;
    }

    /**
     * A time zone id that names a region in the IANA database ({@code Asia/Shanghai}), not an
     * offset or an abbreviation.
     */
    public static boolean isIanaZone(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id) && id.contains("/");
    }
}
