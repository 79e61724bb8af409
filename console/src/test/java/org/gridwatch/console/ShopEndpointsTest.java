package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop search and file endpoints: their parameter checks against a running console whose
 * Elasticsearch is unreachable (every 400 happens before it is asked, a valid request reaches it
 * and fails with 502), and the query bodies they send, where the search text is only ever a JSON
 * string value. Reads against a real Elasticsearch are in the launcher's ConsoleBrowserITCase.
 */
class ShopEndpointsTest {
    @TempDir static Path state;
    private static TestConsole console;

    @BeforeAll
    static void start() throws Exception {
        ConsoleConfig cfg =
                new ConsoleConfig(
                        "127.0.0.1",
                        0,
                        List.of(TestConsole.unreachableEs()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        state.resolve("state"));
        console = new TestConsole(new ConsoleServer(cfg).start());
    }

    @AfterAll
    static void stop() {
        console.server.close();
    }

    @Test
    void searchParametersAreCheckedBeforeElasticsearchIsAsked() throws Exception {
        assertError(console.get("/api/shops"), 400, "parameter 'q' is required");
        assertError(console.get("/api/shops?q=%20%20"), 400, "parameter 'q' is required");
        assertError(console.get("/api/shops?q=a&size=5"), 400, "unknown parameter 'size'");
        assertError(console.get("/api/shops?q=a&q=b"), 400, "more than once");
        assertError(console.get("/api/shops?q=" + enc("面".repeat(101))), 400, "at most 100");
        assertError(console.get("/api/shops?q=a%00b"), 400, "control characters");
        assertError(
                console.send("POST", "/api/shops?q=a", "{}"), 400, "method POST not allowed here");
    }

    @Test
    void aValidSearchReachesElasticsearch() throws Exception {
        // 100 characters of a name, quotes and JSON punctuation included, pass the checks
        String q = "老王\"}]{面馆 " + "x".repeat(100 - 9);
        assertThat(q.codePointCount(0, q.length())).isEqualTo(100);
        assertError(console.get("/api/shops?q=" + enc(q)), 502, "backend error");
        assertError(console.get("/api/shops/S00042"), 502, "backend error");
    }

    @Test
    void fileIdsAreChecked() throws Exception {
        assertError(console.get("/api/shops/"), 400, "shop id must be");
        assertError(console.get("/api/shops/S1%20x"), 400, "shop id must be");
        assertError(console.get("/api/shops/S1/records"), 400, "shop id must be");
        assertError(console.get("/api/shops/" + "S".repeat(65)), 400, "shop id must be");
        assertError(console.get("/api/shops/S00042?x=1"), 400, "unknown parameter 'x'");
        assertError(
                console.send("DELETE", "/api/shops/S00042", null),
                400,
                "method DELETE not allowed");
    }

    @Test
    void theSearchTextIsOnlyAValueInTheQueryBody() {
        String hostile = "\"}},{\"match_all\":{}}]}";
        ObjectNode body = ShopReader.searchQuery(hostile);
        assertThat(body.path("size").asInt()).isEqualTo(ShopReader.MAX_HITS);
        JsonNode bool = body.path("query").path("bool");
        assertThat(bool.path("filter").get(0).path("term").path("kind").path("value").asText())
                .isEqualTo("SHOP");
        assertThat(bool.path("minimum_should_match").asInt()).isEqualTo(1);
        List<String> clauses = new ArrayList<>();
        for (JsonNode c : bool.path("should")) {
            String kind = c.fieldNames().next();
            String field = c.path(kind).fieldNames().next();
            JsonNode v = c.path(kind).path(field);
            assertThat(v.has("query") ? v.path("query").asText() : v.path("value").asText())
                    .isEqualTo(hostile);
            clauses.add(kind + ":" + field);
        }
        assertThat(clauses)
                .containsExactly(
                        "match:name",
                        "match_phrase:name",
                        "match:address",
                        "match_phrase:address",
                        "term:licence",
                        "prefix:licence",
                        "term:shopId",
                        "prefix:shopId");
        // the text appears nowhere but in those values: no key, no structure of its own
        assertThat(Json.read(Json.text(body)).toString()).isEqualTo(body.toString());
        assertThat(body.path("query").toString().split("match_all", -1)).hasSize(9);
        assertThat(body.path("_source")).hasSize(ShopReader.SUMMARY.length);
    }

    @Test
    void theFileQueryAsksForKindShopAndTheId() {
        ObjectNode body = ShopReader.fileQuery("S00042");
        JsonNode filter = body.path("query").path("bool").path("filter");
        assertThat(filter.get(0).path("term").path("kind").path("value").asText())
                .isEqualTo("SHOP");
        assertThat(filter.get(1).path("term").path("shopId").path("value").asText())
                .isEqualTo("S00042");
        assertThat(body.path("size").asInt()).isEqualTo(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = Json.read(r.body());
        assertThat(e.path("status").asInt()).isEqualTo(status);
        assertThat(e.path("error").asText()).contains(message);
    }
}
