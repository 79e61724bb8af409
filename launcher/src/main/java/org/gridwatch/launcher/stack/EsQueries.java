package org.gridwatch.launcher.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few read-only Elasticsearch queries the launcher needs for its status line and summary. */
public final class EsQueries implements AutoCloseable {
    private final RestClient client;

    public EsQueries(String url) {
        this(url, System.getenv("GRIDWATCH_ES_USERNAME"), System.getenv("GRIDWATCH_ES_PASSWORD"));
    }

    /** With these credentials (none when null) instead of the environment's. */
    public EsQueries(String url, String user, String password) {
        RestClientBuilder b = RestClient.builder(HttpHost.create(url));
        if (user != null && !user.isBlank() && password != null) {
            BasicCredentialsProvider creds = new BasicCredentialsProvider();
            creds.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password));
            b.setHttpClientConfigCallback(h -> h.setDefaultCredentialsProvider(creds));
        }
        // A frozen server must not freeze the status line: give up after a few seconds.
        b.setRequestConfigCallback(rc -> rc.setConnectTimeout(2_000).setSocketTimeout(5_000));
        this.client = b.build();
    }

    /** Null when the cluster answers, else why not (for the operator, one line). */
    public String problem() {
        try {
            JsonNode health = get("/_cluster/health?timeout=2s");
            String status = health.path("status").asText("unknown");
            return status.equals("red") ? "cluster status red" : null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Document count per index matching the pattern (after a refresh, so the summary is exact). */
    public Map<String, Long> countsPerIndex(String pattern) {
        Map<String, Long> out = new TreeMap<>();
        try {
            client.performRequest(new Request("POST", "/" + pattern + "/_refresh"));
            JsonNode rows = get("/_cat/indices/" + pattern + "?format=json&h=index,docs.count");
            for (JsonNode row : rows) {
                out.put(row.path("index").asText(), row.path("docs.count").asLong());
            }
        } catch (IOException e) {
            out.put("(elasticsearch unreachable: " + e.getMessage() + ")", -1L);
        }
        return out;
    }

    /** Documents per value of a keyword field. */
    public Map<String, Long> termsCount(String indexPattern, String field) {
        Map<String, Long> out = new TreeMap<>();
        try {
            Request r =
                    new Request(
                            "POST",
                            "/"
                                    + indexPattern
                                    + "/_search?size=0&ignore_unavailable=true&allow_no_indices=true");
            r.setJsonEntity(
                    "{\"aggs\":{\"t\":{\"terms\":{\"field\":\"" + field + "\",\"size\":100}}}}");
            JsonNode body = read(client.performRequest(r));
            for (JsonNode b : body.path("aggregations").path("t").path("buckets")) {
                out.put(b.path("key").asText(), b.path("doc_count").asLong());
            }
        } catch (IOException e) {
            out.put("(elasticsearch unreachable: " + e.getMessage() + ")", -1L);
        }
        return out;
    }

    public long count(String indexPattern) {
        try {
            return get("/" + indexPattern + "/_count?ignore_unavailable=true&allow_no_indices=true")
                    .path("count")
                    .asLong();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every document's source in the index (scrolling, 1,000 at a time), after a refresh. */
    public List<JsonNode> allSources(String index) throws IOException {
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        List<JsonNode> out = new ArrayList<>();
        Request first = new Request("POST", "/" + index + "/_search?scroll=1m&size=1000");
        first.setJsonEntity("{\"sort\":[\"_doc\"]}");
        JsonNode page = read(client.performRequest(first));
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (page.path("hits").path("hits").size() > 0) {
                page.path("hits").path("hits").forEach(h -> out.add(h.path("_source")));
                Request next = new Request("POST", "/_search/scroll");
                next.setJsonEntity("{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
                page = read(client.performRequest(next));
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                Request clear = new Request("DELETE", "/_search/scroll");
                clear.setJsonEntity("{\"scroll_id\":\"" + scrollId + "\"}");
                try {
                    client.performRequest(clear);
                } catch (IOException e) {
                    // The scroll expires by itself within a minute.
                }
            }
        }
        return out;
    }

    /**
     * The version of each of these documents that a search sees now (a document indexed but not yet
     * refreshed is not searchable, so it is absent), by id; unlike a GET, which is real-time.
     */
    public Map<String, Long> searchableVersions(String index, java.util.Collection<String> ids)
            throws IOException {
        Request r =
                new Request(
                        "POST",
                        "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true");
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("size", ids.size()).put("version", true).put("_source", false);
        ids.forEach(body.putObject("query").putObject("ids").putArray("values")::add);
        r.setJsonEntity(body.toString());
        Map<String, Long> out = new java.util.HashMap<>();
        for (JsonNode hit : read(client.performRequest(r)).path("hits").path("hits")) {
            out.put(hit.path("_id").asText(), hit.path("_version").asLong());
        }
        return out;
    }

    /** Deletes the indices matching the pattern (evaluation runs start from empty indices). */
    public void deleteIndices(String pattern) throws IOException {
        client.performRequest(
                new Request(
                        "DELETE",
                        "/"
                                + pattern
                                + "?ignore_unavailable=true&allow_no_indices=true&expand_wildcards=open,closed"));
    }

    private JsonNode get(String path) throws IOException {
        return read(client.performRequest(new Request("GET", path)));
    }

    private static JsonNode read(Response response) throws IOException {
        return Json.MAPPER.readTree(response.getEntity().getContent());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
