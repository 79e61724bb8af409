package org.gridwatch.launcher.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.check.Problems;
import org.gridwatch.common.json.Json;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one input file into rows: CSV (with a WKT geometry column where the table has shapes) or,
 * by its {@code .geojson}/{@code .json} name, a GeoJSON FeatureCollection whose properties are the
 * columns.
 *
 * <p>CSV files exported by Excel on Chinese Windows are in GBK, not UTF-8: text that is not valid
 * UTF-8 is read as GB18030 (a superset of GBK). A leading byte order mark is dropped. Headers this
 * table does not know are reported once as a warning, so a misspelt header does not pass silently.
 */
public final class TableReader {
    private static final Charset GB18030 = Charset.forName("GB18030");

    private TableReader() {}

    /**
     * @throws IOException when the file cannot be read at all (missing, unreadable, not JSON)
     */
    public static List<InputRow> read(Path file, InputTable table, Problems problems)
            throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("cannot read " + file + ": no such readable file");
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".geojson") || lower.endsWith(".json")
                ? geoJson(file, name, table, problems)
                : csv(file, name, table, problems);
    }

    private static List<InputRow> csv(Path file, String name, InputTable table, Problems problems)
            throws IOException {
        String text = decode(Files.readAllBytes(file));
        CsvSchema schema =
                CsvSchema.emptySchema().withHeader().withColumnSeparator(separator(text));
        CsvMapper mapper =
                CsvMapper.builder()
                        .enable(CsvParser.Feature.TRIM_SPACES)
                        .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                        .build();
        List<InputRow> rows = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        try (MappingIterator<Map<String, String>> it =
                mapper.readerForMapOf(String.class).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                Map<String, String> raw = it.nextValue();
                // The parser has just read the row's last field, so its location is the row's
                // (last) line.
                int line = it.getParser().currentTokenLocation().getLineNr();
                rows.add(row(name, "row " + line, raw, table, unknown, null));
            }
        } catch (RuntimeException e) {
            problems.at(name, null).error("not a readable CSV file: " + e.getMessage());
        }
        reportUnknown(name, unknown, problems);
        return rows;
    }

    private static List<InputRow> geoJson(
            Path file, String name, InputTable table, Problems problems) throws IOException {
        JsonNode root = Json.MAPPER.readTree(decode(Files.readAllBytes(file)));
        JsonNode features = root.path("features");
        if (!"FeatureCollection".equals(root.path("type").asText()) || !features.isArray()) {
            problems.at(name, null).error("not a GeoJSON FeatureCollection");
            return List.of();
        }
        List<InputRow> rows = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            Map<String, String> raw = new LinkedHashMap<>();
            f.path("properties")
                    .fields()
                    .forEachRemaining(
                            e ->
                                    raw.put(
                                            e.getKey(),
                                            e.getValue().isNull() ? null : e.getValue().asText()));
            rows.add(row(name, "feature #" + (i + 1), raw, table, unknown, f));
        }
        reportUnknown(name, unknown, problems);
        return rows;
    }

    private static InputRow row(
            String file,
            String subject,
            Map<String, String> raw,
            InputTable table,
            Set<String> unknown,
            JsonNode feature) {
        Map<String, String> values = new LinkedHashMap<>();
        String wkt = null;
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String column = table.columnOf(e.getKey());
            if (column == null) {
                unknown.add(e.getKey());
            } else if (column.equals(InputTable.GEOMETRY)) {
                wkt = e.getValue();
            } else if (e.getValue() != null && !e.getValue().isBlank()) {
                values.putIfAbsent(column, e.getValue().trim());
            }
        }
        Geometry geometry = null;
        String problem = null;
        try {
            if (feature != null && feature.hasNonNull("geometry")) {
                geometry = GeoJson.read(feature.get("geometry"));
            } else if (wkt != null && !wkt.isBlank()) {
                geometry = wkt(wkt);
            }
        } catch (ParseException | RuntimeException e) {
            problem = e.getMessage();
        }
        // A GeoJSON feature's own id stands in for a missing id column.
        if (feature != null && feature.hasNonNull("id")) {
            String idColumn = table.columns().keySet().iterator().next();
            values.putIfAbsent(idColumn, feature.get("id").asText());
        }
        return new InputRow(file, subject, values, geometry, problem);
    }

    /** WKT, or EWKT with an {@code SRID=4326;} prefix (PostGIS exports). */
    static Geometry wkt(String text) throws ParseException {
        String t = text.trim();
        if (t.regionMatches(true, 0, "SRID=", 0, 5) && t.contains(";")) {
            t = t.substring(t.indexOf(';') + 1);
        }
        return new WKTReader(GeoJson.FACTORY).read(t);
    }

    /**
     * UTF-8 when the bytes are valid UTF-8, else GB18030 (what Excel writes on Chinese Windows);
     * without a BOM.
     */
    static String decode(byte[] bytes) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, GB18030);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Comma, unless the header line has more tabs or semicolons (some exports use those). */
    private static char separator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        long commas = header.chars().filter(c -> c == ',').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static void reportUnknown(String file, Set<String> unknown, Problems problems) {
        if (!unknown.isEmpty()) {
            problems.at(file, null)
                    .warning(
                            "columns not used (not known for this file): "
                                    + String.join(", ", unknown));
        }
    }
}
