package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.aggregations.AggregationBuilders;
import org.elasticsearch.search.aggregations.bucket.terms.Terms;
import org.elasticsearch.search.aggregations.metrics.Sum;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;
import org.elasticsearch.xcontent.XContentType;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the console reads from and writes to Elasticsearch. Filters are term queries built
 * with the query builders from validated values; nothing a client sends becomes query text. Index
 * patterns end in {@code *}, so a missing (not yet written) index is an empty result.
 */
public final class EsReader implements AutoCloseable {
    public static final String ACTIONS_INDEX = "gridwatch-alert-actions";
    private static final IndicesOptions LENIENT = IndicesOptions.lenientExpandOpen();

    private final RestHighLevelClient client;

    public EsReader(EsConnection connection) {
        this.client = connection.highLevelClient();
    }

    /** Installs the template of the index the console owns (operator actions) and creates it. */
    public void installActionsTemplate() throws IOException {
        String template;
        try (InputStream in =
                EsReader.class.getResourceAsStream(
                        "/schemas/elasticsearch/" + ACTIONS_INDEX + ".json")) {
            if (in == null) {
                throw new IOException(
                        "schemas/elasticsearch/" + ACTIONS_INDEX + ".json is not on the classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request put = new Request("PUT", "/_index_template/" + ACTIONS_INDEX);
        put.setJsonEntity(template);
        client.getLowLevelClient().performRequest(put);
    }

    public record AlertFilter(
            AlertType type, String district, Severity severity, String status, int size) {}

    /**
     * Alerts, newest detection first, with the operator's latest action attached as {@code
     * operator}.
     */
    public ArrayNode alerts(AlertFilter f) throws IOException {
        BoolQueryBuilder q = QueryBuilders.boolQuery();
        if (f.type() != null) {
            q.filter(QueryBuilders.termQuery("type", f.type().name()));
        }
        if (f.district() != null) {
            q.filter(QueryBuilders.termQuery("district", f.district()));
        }
        if (f.severity() != null) {
            q.filter(QueryBuilders.termQuery("severity", f.severity().name()));
        }
        if ("open".equals(f.status())) {
            q.mustNot(QueryBuilders.termQuery("status", "CLOSED"));
        } else if ("closed".equals(f.status())) {
            q.filter(QueryBuilders.termQuery("status", "CLOSED"));
        }
        SearchSourceBuilder src =
                new SearchSourceBuilder()
                        .query(q)
                        .size(f.size())
                        .sort("detectedAt", SortOrder.DESC)
                        .fetchSource(null, new String[] {"evidence"});
        List<ObjectNode> docs = search("gridwatch-alerts*", src);
        Map<String, ObjectNode> actions =
                latestActions(docs.stream().map(d -> d.path("alertId").asText()).toList());
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ObjectNode d : docs) {
            ObjectNode action = actions.get(d.path("alertId").asText());
            if (action != null) {
                d.set("operator", action);
                if ("open".equals(f.status()) && "CLOSED".equals(action.path("state").asText())) {
                    continue;
                }
            }
            out.add(d);
        }
        return out;
    }

    /** One alert with its evidence and its operator actions (oldest first), or null. */
    public ObjectNode alert(String alertId) throws IOException {
        SearchSourceBuilder src =
                new SearchSourceBuilder()
                        .query(QueryBuilders.termQuery("alertId", alertId))
                        .size(1)
                        .sort("revision", SortOrder.DESC);
        List<ObjectNode> docs = search("gridwatch-alerts*", src);
        if (docs.isEmpty()) {
            return null;
        }
        ObjectNode alert = docs.get(0);
        List<ObjectNode> history =
                search(
                        ACTIONS_INDEX + "*",
                        new SearchSourceBuilder()
                                .query(QueryBuilders.termQuery("alertId", alertId))
                                .size(100)
                                .sort("at", SortOrder.ASC));
        ArrayNode h = alert.putArray("actions");
        history.forEach(h::add);
        if (!history.isEmpty()) {
            alert.set("operator", history.get(history.size() - 1));
        }
        return alert;
    }

    /** Stores an operator's acknowledge or close; returns the stored action. */
    public ObjectNode act(String alertId, String state, String operator, String note)
            throws IOException {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        long now = System.currentTimeMillis();
        doc.put("alertId", alertId);
        doc.put("state", state);
        doc.put("operator", operator);
        if (note != null) {
            doc.put("note", note);
        }
        doc.put("at", Json.iso(now));
        client.index(
                new IndexRequest(ACTIONS_INDEX)
                        .source(Json.text(doc), XContentType.JSON)
                        .setRefreshPolicy(WriteRequest.RefreshPolicy.WAIT_UNTIL),
                RequestOptions.DEFAULT);
        return doc;
    }

    private Map<String, ObjectNode> latestActions(List<String> alertIds) throws IOException {
        Map<String, ObjectNode> latest = new HashMap<>();
        if (alertIds.isEmpty()) {
            return latest;
        }
        List<ObjectNode> actions =
                search(
                        ACTIONS_INDEX + "*",
                        new SearchSourceBuilder()
                                .query(QueryBuilders.termsQuery("alertId", alertIds))
                                .size(1000)
                                .sort("at", SortOrder.ASC));
        for (ObjectNode a : actions) {
            latest.put(a.path("alertId").asText(), a);
        }
        return latest;
    }

    /** Latest positions of officers and trucks. */
    public ArrayNode positions(String entityType, String district) throws IOException {
        BoolQueryBuilder q = QueryBuilders.boolQuery();
        if (entityType != null) {
            q.filter(QueryBuilders.termQuery("entityType", entityType));
        }
        if (district != null) {
            q.filter(QueryBuilders.termQuery("district", district));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        search("gridwatch-positions*", new SearchSourceBuilder().query(q).size(10_000))
                .forEach(out::add);
        return out;
    }

    /**
     * Hotspot counts as a weekday x hour-of-day matrix, plus the categories and districts present.
     */
    public ObjectNode hotspots(String district, String category, int days) throws IOException {
        BoolQueryBuilder q =
                QueryBuilders.boolQuery()
                        .filter(
                                QueryBuilders.rangeQuery("bucketStart")
                                        .gte(
                                                Instant.now()
                                                        .minus(days, ChronoUnit.DAYS)
                                                        .toEpochMilli()));
        if (district != null) {
            q.filter(QueryBuilders.termQuery("district", district));
        }
        if (category != null) {
            q.filter(QueryBuilders.termQuery("category", category));
        }
        SearchSourceBuilder src =
                new SearchSourceBuilder()
                        .query(q)
                        .size(0)
                        .aggregation(
                                AggregationBuilders.terms("weekday")
                                        .field("weekday")
                                        .size(7)
                                        .subAggregation(
                                                AggregationBuilders.terms("hour")
                                                        .field("hourOfDay")
                                                        .size(24)
                                                        .subAggregation(
                                                                AggregationBuilders.sum("count")
                                                                        .field("count"))))
                        .aggregation(
                                AggregationBuilders.terms("categories").field("category").size(100))
                        .aggregation(
                                AggregationBuilders.terms("districts").field("district").size(100));
        SearchResponse r =
                client.search(
                        new SearchRequest("gridwatch-hotspots*")
                                .source(src)
                                .indicesOptions(LENIENT),
                        RequestOptions.DEFAULT);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode cells = out.putArray("cells");
        if (r.getAggregations() != null) {
            Terms wd = r.getAggregations().get("weekday");
            for (Terms.Bucket w : wd.getBuckets()) {
                Terms hours = w.getAggregations().get("hour");
                for (Terms.Bucket h : hours.getBuckets()) {
                    Sum sum = h.getAggregations().get("count");
                    cells.addObject()
                            .put("weekday", w.getKeyAsNumber().intValue())
                            .put("hourOfDay", h.getKeyAsNumber().intValue())
                            .put("count", (long) sum.getValue());
                }
            }
            keys(r, "categories", out.putArray("categories"));
            keys(r, "districts", out.putArray("districts"));
        }
        return out;
    }

    /** Minutes covered per grid over the last days. */
    public ArrayNode coverage(String district, int days) throws IOException {
        BoolQueryBuilder q =
                QueryBuilders.boolQuery()
                        .filter(
                                QueryBuilders.rangeQuery("bucketStart")
                                        .gte(
                                                Instant.now()
                                                        .minus(days, ChronoUnit.DAYS)
                                                        .toEpochMilli()));
        if (district != null) {
            q.filter(QueryBuilders.termQuery("district", district));
        }
        SearchSourceBuilder src =
                new SearchSourceBuilder()
                        .query(q)
                        .size(0)
                        .aggregation(
                                AggregationBuilders.terms("grids")
                                        .field("gridCode")
                                        .size(5000)
                                        .subAggregation(
                                                AggregationBuilders.sum("minutes")
                                                        .field("minutesCovered"))
                                        .subAggregation(
                                                AggregationBuilders.sum("visits").field("visits"))
                                        .subAggregation(
                                                AggregationBuilders.terms("district")
                                                        .field("district")
                                                        .size(1)));
        SearchResponse r =
                client.search(
                        new SearchRequest("gridwatch-coverage*")
                                .source(src)
                                .indicesOptions(LENIENT),
                        RequestOptions.DEFAULT);
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (r.getAggregations() != null) {
            Terms grids = r.getAggregations().get("grids");
            for (Terms.Bucket g : grids.getBuckets()) {
                Terms d = g.getAggregations().get("district");
                out.addObject()
                        .put("gridCode", g.getKeyAsString())
                        .put(
                                "district",
                                d.getBuckets().isEmpty()
                                        ? null
                                        : d.getBuckets().get(0).getKeyAsString())
                        .put(
                                "minutesCovered",
                                (long) ((Sum) g.getAggregations().get("minutes")).getValue())
                        .put("visits", (long) ((Sum) g.getAggregations().get("visits")).getValue());
            }
        }
        return out;
    }

    /** District KPI documents, newest day first. */
    public ArrayNode kpis(String district, int days) throws IOException {
        BoolQueryBuilder q =
                QueryBuilders.boolQuery()
                        .filter(
                                QueryBuilders.rangeQuery("day")
                                        .gte(
                                                Instant.now()
                                                        .minus(days, ChronoUnit.DAYS)
                                                        .toEpochMilli()));
        if (district != null) {
            q.filter(QueryBuilders.termQuery("district", district));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        search(
                        "gridwatch-kpis*",
                        new SearchSourceBuilder().query(q).size(1000).sort("day", SortOrder.DESC))
                .forEach(out::add);
        return out;
    }

    /**
     * The low-level client, for readers that build their query bodies as JSON ({@link ShopReader}).
     */
    RestClient restClient() {
        return client.getLowLevelClient();
    }

    public boolean ping() {
        try {
            client.getLowLevelClient().performRequest(new Request("GET", "/_cluster/health"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void keys(SearchResponse r, String name, ArrayNode into) {
        Terms t = r.getAggregations().get(name);
        for (Terms.Bucket b : t.getBuckets()) {
            into.add(b.getKeyAsString());
        }
    }

    private List<ObjectNode> search(String index, SearchSourceBuilder src) throws IOException {
        SearchResponse r =
                client.search(
                        new SearchRequest(index).source(src).indicesOptions(LENIENT),
                        RequestOptions.DEFAULT);
        List<ObjectNode> out = new ArrayList<>();
        for (SearchHit h : r.getHits().getHits()) {
            JsonNode n = Json.read(h.getSourceAsString());
            if (n instanceof ObjectNode o) {
                out.add(o);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
