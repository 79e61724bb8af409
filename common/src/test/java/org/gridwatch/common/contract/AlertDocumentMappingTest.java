package org.gridwatch.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert document against the {@code gridwatch-alerts} template, without a cluster: the mapping
 * is strict, so a field the template does not declare is a mapping error at indexing time, and the
 * indexer sends the whole document to the dead letter. Objects the template maps as dynamic ({@code
 * attributes}, {@code levelTimes}) may hold any key.
 */
class AlertDocumentMappingTest {
    @Test
    void everyFieldOfAnAlertDocumentShouldBeInTheTemplate() throws Exception {
        JsonNode properties;
        try (InputStream in =
                TopicSchemas.resource("/schemas/elasticsearch/gridwatch-alerts.json")) {
            properties =
                    Json.MAPPER.readTree(in).path("template").path("mappings").path("properties");
        }
        List<String> unmapped = new ArrayList<>();
        boolean sawOfficers = false;
        for (Alert a : ContractJson.sampleAlerts()) {
            JsonNode doc = Documents.alert(a);
            sawOfficers |= doc.path("nearestOfficers").size() > 0;
            check(doc, properties, "", unmapped);
        }
        assertThat(sawOfficers).as("a sample alert names officers").isTrue();
        assertThat(unmapped).isEmpty();
    }

    private static void check(JsonNode doc, JsonNode properties, String path, List<String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode mapping = properties.get(f.getKey());
            String at = path + f.getKey();
            if (mapping == null) {
                out.add(at);
                continue;
            }
            if (mapping.path("dynamic").asBoolean(false)
                    || "geo_point".equals(mapping.path("type").asText())) {
                continue;
            }
            for (JsonNode value : f.getValue().isArray() ? f.getValue() : List.of(f.getValue())) {
                if (value.isObject()) {
                    check(value, mapping.path("properties"), at + ".", out);
                }
            }
        }
    }
}
