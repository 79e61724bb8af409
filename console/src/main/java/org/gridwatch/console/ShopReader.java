package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.io.InputStream;

/**
 * The shop files (一店一档) the shops job writes to {@code gridwatch-shops} (kind {@code SHOP}, id =
 * shop id; the index also holds kind {@code AMBIGUOUS} documents, which are never returned here).
 * Query bodies are Jackson trees: the search text is only ever a JSON string value, never query
 * text. The pattern ends in {@code *} and missing indices are allowed, so a city without shop files
 * yet reads as empty.
 */
final class ShopReader {
    static final String INDEX = "gridwatch-shops*";
    static final int MAX_HITS = 20;

    /** The fields of one search hit. */
    static final String[] SUMMARY = {
        "shopId", "name", "licence", "address", "grade", "risk", "totalRecords"
    };

    private final RestClient rest;

    ShopReader(EsReader es) {
        this.rest = es.restClient();
    }

    /** Shops whose name, address, licence or id match {@code text}, best first, at most 20. */
    ArrayNode search(String text) throws IOException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode h : hits(searchQuery(text))) {
            out.add(h.path("_source"));
        }
        return out;
    }

    /** The whole file of one shop, or null. */
    ObjectNode file(String shopId) throws IOException {
        for (JsonNode h : hits(fileQuery(shopId))) {
            if (h.path("_source") instanceof ObjectNode o) {
                return o;
            }
        }
        return null;
    }

    /**
     * The search body: among kind SHOP, a name or address holding every word of the text (an exact
     * phrase ranks higher), a licence or shop id equal to it or starting with it (ids and licences
     * rank highest, case-insensitive); then by shop id so equal scores keep their order.
     */
    static ObjectNode searchQuery(String text) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("size", MAX_HITS);
        body.put("track_total_hits", false);
        ArrayNode source = body.putArray("_source");
        for (String f : SUMMARY) {
            source.add(f);
        }
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter")
                .addObject()
                .putObject("term")
                .putObject("kind")
                .put("value", "SHOP");
        ArrayNode should = bool.putArray("should");
        for (String field : new String[] {"name", "address"}) {
            double boost = field.equals("name") ? 3 : 1;
            should.addObject()
                    .putObject("match")
                    .putObject(field)
                    .put("query", text)
                    .put("operator", "and")
                    .put("boost", boost);
            should.addObject()
                    .putObject("match_phrase")
                    .putObject(field)
                    .put("query", text)
                    .put("boost", 2 * boost);
        }
        for (String field : new String[] {"licence", "shopId"}) {
            should.addObject()
                    .putObject("term")
                    .putObject(field)
                    .put("value", text)
                    .put("case_insensitive", true)
                    .put("boost", 20);
            should.addObject()
                    .putObject("prefix")
                    .putObject(field)
                    .put("value", text)
                    .put("case_insensitive", true)
                    .put("boost", 8);
        }
        bool.put("minimum_should_match", 1);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("_score").put("order", "desc");
        sort.addObject().putObject("shopId").put("order", "asc");
        return body;
    }

    /** The body that finds the file of one shop: kind SHOP and that shop id. */
    static ObjectNode fileQuery(String shopId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("size", 1);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").putObject("kind").put("value", "SHOP");
        filter.addObject().putObject("term").putObject("shopId").put("value", shopId);
        return body;
    }

    private JsonNode hits(ObjectNode body) throws IOException {
        Request r = new Request("POST", "/" + INDEX + "/_search");
        r.addParameter("ignore_unavailable", "true");
        r.addParameter("allow_no_indices", "true");
        r.setJsonEntity(Json.text(body));
        Response response = rest.performRequest(r);
        try (InputStream in = response.getEntity().getContent()) {
            return Json.MAPPER.readTree(in).path("hits").path("hits");
        }
    }
}
