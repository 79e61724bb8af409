package org.gridwatch.launcher.es;

import com.fasterxml.jackson.databind.JsonNode;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.jobs.noise.logic.NoiseDocuments;
import org.gridwatch.jobs.noise.logic.NoiseSensor;
import org.gridwatch.jobs.noise.logic.NoiseWindow;
import org.gridwatch.launcher.testing.ElasticsearchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the templates install on a real Elasticsearch, twice, and the per-window noise index
 * gets its own mapping although the hourly template's pattern {@code gridwatch-noise*} matches it
 * too.
 */
@ExtendWith(ElasticsearchExtension.class)
class IndexTemplatesITCase {
    @Test
    void theNoiseWindowIndexTakesItsOwnTemplateAndIndexesItsDocuments() throws Exception {
        try (RestClient es =
                new EsConnection(List.of(ElasticsearchExtension.url())).lowLevelClient()) {
            EsIndexTemplates.install(es);
            EsIndexTemplates.install(es); // idempotent: every job start runs it

            JsonNode mapping =
                    get(es, "/" + NoiseDocuments.WINDOWS_INDEX + "/_mapping")
                            .path(NoiseDocuments.WINDOWS_INDEX)
                            .path("mappings");
            assertThat(mapping.path("properties").path("windowStartLocal").path("type").asText())
                    .isEqualTo("keyword");
            assertThat(mapping.path("properties").path("exceeded").path("type").asText())
                    .isEqualTo("boolean");
            assertThat(mapping.path("_meta").path("description").asText())
                    .contains("5-minute window");
            JsonNode hourly =
                    get(es, "/" + NoiseDocuments.INDEX + "/_mapping")
                            .path(NoiseDocuments.INDEX)
                            .path("mappings");
            assertThat(hourly.path("properties").path("bucketStart").path("type").asText())
                    .isEqualTo("date");
            assertThat(
                            get(es, "/gridwatch-cases/_mapping")
                                    .path("gridwatch-cases")
                                    .path("mappings")
                                    .path("properties")
                                    .path("address")
                                    .path("type")
                                    .asText())
                    .isEqualTo("keyword");

            NoiseWindow w =
                    new NoiseWindow(1_793_627_700_000L); // 2026-11-02T13:55:00Z, 21:55 in Shanghai
            w.add(w.start + 300_000, 65, 300, 70);
            EsWriteRequest doc =
                    NoiseDocuments.window(
                            new NoiseSensor(
                                    "NS0001",
                                    "construction",
                                    "31011200100101",
                                    "闵行区",
                                    31.1,
                                    121.4,
                                    "NZ1"),
                            w,
                            300_000,
                            65,
                            70,
                            false,
                            false,
                            ZoneId.of("Asia/Shanghai"));
            Request put = new Request("PUT", "/" + doc.index() + "/_doc/" + doc.id());
            put.addParameter("refresh", "true");
            put.setJsonEntity(doc.json());
            es.performRequest(put);
            Request search = new Request("GET", "/" + doc.index() + "/_search");
            search.setJsonEntity(
                    "{\"query\":{\"bool\":{\"filter\":[{\"range\":{\"windowStart\":{\"gte\":\"2026-11-02T13:55:00Z\"}}},"
                            + "{\"term\":{\"windowStartLocal\":\"2026-11-02T21:55:00+08:00\"}},{\"term\":{\"exceeded\":false}}]}}}");
            JsonNode hits =
                    Json.read(
                            new String(
                                    es.performRequest(search)
                                            .getEntity()
                                            .getContent()
                                            .readAllBytes(),
                                    StandardCharsets.UTF_8));
            assertThat(hits.path("hits").path("total").path("value").asInt()).isEqualTo(1);
        }
    }

    private static JsonNode get(RestClient es, String path) throws Exception {
        return Json.read(
                new String(
                        es.performRequest(new Request("GET", path))
                                .getEntity()
                                .getContent()
                                .readAllBytes(),
                        StandardCharsets.UTF_8));
    }
}
