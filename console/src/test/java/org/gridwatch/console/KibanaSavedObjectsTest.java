package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dashboards/gridwatch.ndjson: one saved object a line, every reference resolves inside the file,
 * and every field a saved object uses exists in the index template (schemas/elasticsearch/) of the
 * data view it reads.
 */
class KibanaSavedObjectsTest {
    private static final Path ROOT = Path.of("..");
    private static final List<JsonNode> OBJECTS = new ArrayList<>();
    private static final Map<String, JsonNode> BY_ID = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String line :
                Files.readAllLines(
                        ROOT.resolve("dashboards/gridwatch.ndjson"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = Json.MAPPER.readTree(line);
            OBJECTS.add(o);
            assertThat(BY_ID.put(o.path("type").asText() + ":" + o.path("id").asText(), o))
                    .as("duplicate " + o.path("id"))
                    .isNull();
        }
    }

    @Test
    void everyLineIsASavedObjectWithResolvableReferences() {
        Set<String> types = new HashSet<>();
        for (JsonNode o : OBJECTS) {
            assertThat(o.path("id").asText()).isNotBlank();
            assertThat(o.path("type").asText())
                    .isIn("index-pattern", "visualization", "search", "map", "dashboard");
            assertThat(o.path("attributes").path("title").asText())
                    .as(o.path("id").asText())
                    .isNotBlank();
            assertThat(o.path("references").isArray()).isTrue();
            types.add(o.path("type").asText());
            for (JsonNode r : o.path("references")) {
                assertThat(BY_ID)
                        .as("reference " + r + " of " + o.path("id"))
                        .containsKey(r.path("type").asText() + ":" + r.path("id").asText());
            }
            // string-encoded JSON attributes must parse
            for (String f :
                    List.of(
                            "visState",
                            "panelsJSON",
                            "layerListJSON",
                            "mapStateJSON",
                            "optionsJSON",
                            "uiStateJSON")) {
                if (o.path("attributes").has(f)) {
                    Json.read(o.path("attributes").path(f).asText());
                }
            }
            JsonNode ss =
                    o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON");
            if (!ss.isMissingNode()) {
                JsonNode src = Json.read(ss.asText());
                if (src.has("indexRefName")) {
                    assertThat(refNames(o)).contains(src.path("indexRefName").asText());
                }
            }
        }
        assertThat(types).contains("index-pattern", "visualization", "search", "map", "dashboard");
        JsonNode dashboard =
                OBJECTS.stream()
                        .filter(o -> o.path("type").asText().equals("dashboard"))
                        .findFirst()
                        .orElseThrow();
        for (JsonNode p : Json.read(dashboard.path("attributes").path("panelsJSON").asText())) {
            assertThat(refNames(dashboard))
                    .anyMatch(n -> n.endsWith(p.path("panelRefName").asText()));
        }
        Set<String> titles = new HashSet<>();
        OBJECTS.stream()
                .filter(o -> o.path("type").asText().equals("index-pattern"))
                .forEach(o -> titles.add(o.path("attributes").path("title").asText()));
        assertThat(titles)
                .contains(
                        "gridwatch-alerts*",
                        "gridwatch-positions*",
                        "gridwatch-hotspots*",
                        "gridwatch-coverage*",
                        "gridwatch-kpis*");
    }

    @Test
    void everyFieldUsedExistsInTheIndexTemplate() throws IOException {
        int checked = 0;
        for (JsonNode o : OBJECTS) {
            String type = o.path("type").asText();
            JsonNode a = o.path("attributes");
            switch (type) {
                case "index-pattern" -> {
                    assertField(o.path("id").asText(), a.path("timeFieldName").asText());
                    checked++;
                }
                case "visualization" -> {
                    String pattern = o.path("references").get(0).path("id").asText();
                    for (JsonNode agg : Json.read(a.path("visState").asText()).path("aggs")) {
                        if (agg.path("params").has("field")) {
                            assertField(pattern, agg.path("params").path("field").asText());
                            checked++;
                        }
                    }
                }
                case "search" -> {
                    String pattern = o.path("references").get(0).path("id").asText();
                    for (JsonNode c : a.path("columns")) {
                        assertField(pattern, c.asText());
                        checked++;
                    }
                    for (JsonNode s : a.path("sort")) {
                        assertField(pattern, s.get(0).asText());
                    }
                }
                case "map" -> {
                    for (JsonNode layer : Json.read(a.path("layerListJSON").asText())) {
                        JsonNode src = layer.path("sourceDescriptor");
                        String pattern = refId(o, src.path("indexPatternRefName").asText());
                        assertField(pattern, src.path("geoField").asText());
                        for (JsonNode t : src.path("tooltipProperties")) {
                            assertField(pattern, t.asText());
                            checked++;
                        }
                    }
                }
                default -> {}
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    private static List<String> refNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.path("references").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private static String refId(JsonNode o, String name) {
        for (JsonNode r : o.path("references")) {
            if (r.path("name").asText().equals(name)) {
                return r.path("id").asText();
            }
        }
        throw new AssertionError("no reference named " + name + " in " + o.path("id"));
    }

    /** The data view id is the index name, whose template is schemas/elasticsearch/<id>.json. */
    private static void assertField(String index, String field) throws IOException {
        Path schema = ROOT.resolve("schemas/elasticsearch/" + index + ".json");
        assertThat(schema).as("template for data view " + index).exists();
        Set<String> fields = new HashSet<>();
        collect(
                "",
                Json.MAPPER
                        .readTree(schema.toFile())
                        .path("template")
                        .path("mappings")
                        .path("properties"),
                fields);
        assertThat(fields).as("field '" + field + "' in " + schema).contains(field);
    }

    private static void collect(String prefix, JsonNode props, Set<String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.add(prefix + e.getKey());
            if (e.getValue().has("properties")) {
                collect(prefix + e.getKey() + ".", e.getValue().path("properties"), into);
            }
        }
    }
}
