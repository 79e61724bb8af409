package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads case documents from {@code gridwatch-cases} over Elasticsearch's REST API (the JDK's HTTP
 * client: the intake needs two requests, not a client library). A request id is a case id when it
 * opened the case; when it joined an earlier case as a repeat, the case's {@code history.ticketId}
 * holds it. Credentials come from {@code GRIDWATCH_ES_USERNAME} / {@code GRIDWATCH_ES_PASSWORD}, as
 * everywhere.
 */
public final class CaseLookup {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;

    public CaseLookup(String esUrl) {
        this.baseUrl = esUrl.endsWith("/") ? esUrl.substring(0, esUrl.length() - 1) : esUrl;
        String user = System.getenv("GRIDWATCH_ES_USERNAME");
        String password = System.getenv("GRIDWATCH_ES_PASSWORD");
        this.authorization =
                user != null && !user.isBlank() && password != null
                        ? "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":" + password)
                                                        .getBytes(StandardCharsets.UTF_8))
                        : null;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * The case document that holds request {@code id}, empty when there is none (or no index yet).
     */
    public CompletableFuture<Optional<JsonNode>> find(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        return send(request("/" + IntakeConfig.CASES_INDEX + "/_doc/" + encoded).GET().build())
                .thenCompose(
                        byId -> {
                            if (byId.path("found").asBoolean(false)) {
                                return CompletableFuture.completedFuture(
                                        Optional.of(byId.get("_source")));
                            }
                            ObjectNode q = Json.MAPPER.createObjectNode();
                            q.put("size", 1);
                            q.putObject("query").putObject("term").put("history.ticketId", id);
                            HttpRequest search =
                                    request("/" + IntakeConfig.CASES_INDEX + "/_search")
                                            .header("Content-Type", "application/json")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofByteArray(
                                                            Json.bytes(q)))
                                            .build();
                            return send(search)
                                    .thenApply(
                                            r -> {
                                                JsonNode hits = r.path("hits").path("hits");
                                                return hits.isArray() && hits.size() > 0
                                                        ? Optional.of(hits.get(0).get("_source"))
                                                        : Optional.<JsonNode>empty();
                                            });
                        });
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /**
     * The response body as JSON; 404 (no such document or no index) is an empty object, other
     * errors fail.
     */
    private CompletableFuture<JsonNode> send(HttpRequest r) {
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(
                        resp -> {
                            if (resp.statusCode() == 404) {
                                return Json.MAPPER.createObjectNode();
                            }
                            if (resp.statusCode() / 100 != 2) {
                                throw new IllegalStateException(
                                        "Elasticsearch answered "
                                                + resp.statusCode()
                                                + " to "
                                                + r.uri().getPath());
                            }
                            try {
                                return Json.MAPPER.readTree(resp.body());
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(
                                        "Elasticsearch's answer is not JSON", e);
                            }
                        });
    }
}
