package org.gridwatch.common.es;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Installs GridWatch's composable index templates ({@code schemas/elasticsearch/*.json}, packaged
 * in this jar) and creates the indices, so documents always land in the mapping the dashboards
 * expect. Idempotent: run at every job and demo start.
 */
public final class EsIndexTemplates {
    /** Template name = index name; each template's pattern is the index name plus {@code *}. */
    public static final List<String> INDICES =
            List.of(
                    "gridwatch-positions",
                    "gridwatch-alerts",
                    "gridwatch-cases",
                    "gridwatch-hotspots",
                    "gridwatch-kpis",
                    "gridwatch-coverage",
                    "gridwatch-noise",
                    "gridwatch-noise-windows",
                    "gridwatch-shops");

    private EsIndexTemplates() {}

    public static void install(EsConnection connection) {
        try (RestClient client = connection.lowLevelClient()) {
            install(client);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot install Elasticsearch index templates at "
                            + connection.urls()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    public static void install(RestClient client) throws IOException {
        for (String index : INDICES) {
            Request put = new Request("PUT", "/_index_template/" + index);
            put.setJsonEntity(template(index));
            client.performRequest(put);
            try {
                client.performRequest(new Request("PUT", "/" + index));
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 400
                        || !new String(
                                        e.getResponse().getEntity().getContent().readAllBytes(),
                                        StandardCharsets.UTF_8)
                                .contains("resource_already_exists_exception")) {
                    throw e;
                }
            }
        }
    }

    public static String template(String index) throws IOException {
        try (InputStream in =
                EsIndexTemplates.class.getResourceAsStream(
                        "/schemas/elasticsearch/" + index + ".json")) {
            if (in == null) {
                throw new IOException(
                        "index template schemas/elasticsearch/"
                                + index
                                + ".json is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
