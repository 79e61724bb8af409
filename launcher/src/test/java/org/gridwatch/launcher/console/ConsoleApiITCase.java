package org.gridwatch.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;
import org.gridwatch.console.ConsoleConfig;
import org.gridwatch.console.ConsoleServer;
import org.gridwatch.launcher.testing.ElasticsearchExtension;
import org.gridwatch.launcher.testing.KafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's JSON API, auth and alert push against a real Elasticsearch and a real Kafka. */
@ExtendWith({ElasticsearchExtension.class, KafkaExtension.class})
class ConsoleApiITCase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "it-Token_7fQ2xLp9Vd3Km8Rz";
    private static ConsoleServer server;
    private static String base;
    @TempDir static Path tmp;

    static Alert alert(
            String id, AlertType type, int revision, AlertStatus status, String district) {
        long t = System.currentTimeMillis() - 60_000;
        return new Alert(
                id,
                type,
                status,
                revision,
                Severity.HIGH,
                null,
                Map.of(),
                t - 600_000,
                0,
                t,
                t + revision,
                "TRUCK",
                "沪A12345",
                "31011200100101",
                district,
                31.03,
                121.28,
                "渣土车偏离路线",
                "Truck off route",
                Map.of("plate", "沪A12345"),
                List.of(
                        new Evidence("gps", "p1", t - 60_000, 31.029, 121.279, "ping"),
                        new Evidence("gps", "p2", t, 31.03, 121.28, "ping")));
    }

    @BeforeAll
    static void seed() throws Exception {
        EsConnection es = new EsConnection(List.of(ElasticsearchExtension.url()));
        EsIndexTemplates.install(es);
        try (RestClient rc = es.lowLevelClient()) {
            put(
                    rc,
                    "gridwatch-alerts",
                    "a-open",
                    Json.text(
                            Documents.alert(
                                    alert(
                                            "a-open",
                                            AlertType.TRUCK_ROUTE_DEVIATION,
                                            0,
                                            AlertStatus.OPEN,
                                            "闵行区"))));
            put(
                    rc,
                    "gridwatch-alerts",
                    "a-grid",
                    Json.text(
                            Documents.alert(
                                    alert(
                                            "a-grid",
                                            AlertType.GRID_UNCOVERED,
                                            0,
                                            AlertStatus.OPEN,
                                            "徐汇区"))));
            put(
                    rc,
                    "gridwatch-alerts",
                    "a-done",
                    Json.text(
                            Documents.alert(
                                    alert(
                                            "a-done",
                                            AlertType.TRUCK_OFF_HOURS,
                                            2,
                                            AlertStatus.CLOSED,
                                            "闵行区"))));
            put(
                    rc,
                    "gridwatch-positions",
                    "o1",
                    "{\"entityId\":\"o1\",\"entityType\":\"OFFICER\",\"eventTime\":\"2026-11-22T08:00:00Z\",\"location\":{\"lat\":31.03,\"lon\":121.28},\"district\":\"闵行区\"}");
            put(
                    rc,
                    "gridwatch-hotspots",
                    "h1",
                    "{\"gridCode\":\"g1\",\"district\":\"闵行区\",\"category\":\"STALL\",\"bucketStart\":"
                            + System.currentTimeMillis()
                            + ",\"hourOfDay\":18,\"weekday\":5,\"count\":7}");
            rc.performRequest(new Request("POST", "/gridwatch-*/_refresh"));
        }
        Path city = Files.createDirectories(tmp.resolve("city"));
        Files.writeString(
                city.resolve("grids.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        server =
                new ConsoleServer(
                                new ConsoleConfig(
                                        "127.0.0.1",
                                        0,
                                        List.of(ElasticsearchExtension.url()),
                                        KafkaExtension.bootstrap(),
                                        city,
                                        null,
                                        null,
                                        "console-it-" + System.nanoTime(),
                                        tmp.resolve("state")))
                        .start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static void put(RestClient rc, String index, String id, String json) throws Exception {
        Request r =
                new Request(
                        "PUT",
                        "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        r.setJsonEntity(json);
        rc.performRequest(r);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST as the console's page sends it: JSON, the console's Origin and its CSRF token. */
    static HttpResponse<String> post(String path, String body) throws Exception {
        return post(base, path, body);
    }

    static HttpResponse<String> post(String consoleBase, String path, String body)
            throws Exception {
        String csrf =
                Json.read(
                                HTTP.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        consoleBase + "/api/csrf"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body())
                        .path("token")
                        .asText();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(consoleBase + path))
                        .header("Content-Type", "application/json")
                        .header("Origin", consoleBase)
                        .header("X-GridWatch-CSRF", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.read(r.body());
    }

    @Test
    void invalidParametersAreRejectedWithAClearMessage() throws Exception {
        assertBad(get("/api/alerts?type=NOT_A_TYPE"), "parameter 'type' must be one of");
        assertBad(get("/api/alerts?severity=urgent"), "parameter 'severity' must be one of");
        assertBad(get("/api/alerts?size=100000"), "parameter 'size' must be an integer in 1..1000");
        assertBad(
                get(
                        "/api/alerts?district="
                                + URLEncoder.encode("x\" OR 1=1 {", StandardCharsets.UTF_8)),
                "parameter 'district' must be");
        assertBad(get("/api/alerts?q=*"), "unknown parameter 'q'");
        assertBad(
                get("/api/alerts?type=GRID_UNCOVERED&type=TRUCK_OFF_HOURS"),
                "given more than once");
        assertBad(
                get("/api/alerts/" + URLEncoder.encode("bad id!", StandardCharsets.UTF_8)),
                "alert id must be");
        assertBad(get("/api/hotspots?days=0"), "parameter 'days'");
        assertBad(post("/api/alerts/a-open/ack", "{}"), "\"operator\"");
        assertBad(post("/api/alerts/a-open/ack", "not json"), "not valid JSON");
        assertBad(post("/api/webhooks", "{\"url\":\"ftp://x\"}"), "http:// or https://");
        assertThat(get("/api/alerts/no-such-alert").statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    }

    static void assertBad(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).contains(message);
    }

    @Test
    void readsAlertsPositionsHotspotsAndStoresOperatorActions() throws Exception {
        JsonNode open = json(get("/api/alerts"));
        assertThat(open.findValuesAsText("alertId"))
                .contains("a-open", "a-grid")
                .doesNotContain("a-done");
        JsonNode mh =
                json(
                        get(
                                "/api/alerts?district="
                                        + URLEncoder.encode("闵行区", StandardCharsets.UTF_8)
                                        + "&status=all"));
        assertThat(mh.findValuesAsText("alertId"))
                .contains("a-open", "a-done")
                .doesNotContain("a-grid"); // other tests share this Elasticsearch
        assertThat(mh.findValuesAsText("district")).containsOnly("闵行区");
        JsonNode grid = json(get("/api/alerts?type=grid_uncovered"));
        assertThat(grid.findValuesAsText("alertId")).contains("a-grid");
        assertThat(grid.findValuesAsText("type")).containsOnly("GRID_UNCOVERED");

        JsonNode detail = json(get("/api/alerts/a-open"));
        assertThat(detail.path("evidence")).hasSize(2);
        assertThat(detail.path("evidence").get(0).path("location").path("lat").asDouble())
                .isEqualTo(31.029);

        JsonNode officers = json(get("/api/positions?entityType=OFFICER"));
        assertThat(officers.findValuesAsText("entityId")).contains("o1");
        assertThat(officers.findValuesAsText("entityType")).containsOnly("OFFICER");
        JsonNode hot =
                json(
                        get(
                                "/api/hotspots?category=STALL&district="
                                        + URLEncoder.encode("闵行区", StandardCharsets.UTF_8)));
        long friday18 = 0;
        for (JsonNode c : hot.path("cells")) {
            if (c.path("weekday").asInt() == 5 && c.path("hourOfDay").asInt() == 18) {
                friday18 = c.path("count").asLong();
            }
        }
        assertThat(friday18)
                .as("the seeded count 7 summed into its weekday x hour cell")
                .isGreaterThanOrEqualTo(7);
        assertThat(hot.path("categories").toString()).contains("STALL");
        assertThat(get("/api/coverage").statusCode()).isEqualTo(200); // empty index tolerated
        assertThat(get("/api/kpis").statusCode()).isEqualTo(200);
        assertThat(get("/api/grids").body()).contains("FeatureCollection");

        // what a foreign page could send without a CORS preflight is refused, and nothing is stored
        HttpResponse<String> forged =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/alerts/a-grid/close"))
                                .header("Content-Type", "text/plain")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"operator\":\"mallory\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(415);
        HttpResponse<String> crossSite =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/alerts/a-grid/close"))
                                .header("Content-Type", "application/json")
                                .header("Origin", "http://evil.example")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"operator\":\"mallory\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(json(get("/api/alerts/a-grid")).path("actions")).isEmpty();

        HttpResponse<String> ack =
                post("/api/alerts/a-grid/ack", "{\"operator\":\"张三\",\"note\":\"on my way\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(get("/api/alerts/a-grid")).path("operator").path("state").asText())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(post("/api/alerts/a-grid/close", "{\"operator\":\"张三\"}").statusCode())
                .isEqualTo(200);
        assertThat(json(get("/api/alerts")).findValuesAsText("alertId")).doesNotContain("a-grid");
        assertThat(json(get("/api/alerts/a-grid")).path("actions")).hasSize(2);

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gridwatch_console_http_requests");
        HttpResponse<String> page = get("/");
        assertThat(page.body()).contains("/vendor/leaflet/leaflet.js");
        assertThat(get("/vendor/leaflet/leaflet.js").statusCode()).isEqualTo(200);
        assertThat(get("/vendor/echarts/echarts.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesNonLocalBindWithoutTokenAndRequiresTheTokenWhenSet() throws Exception {
        ConsoleConfig open =
                new ConsoleConfig(
                        "0.0.0.0",
                        0,
                        List.of(ElasticsearchExtension.url()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThatThrownBy(() -> new ConsoleServer(open).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GRIDWATCH_CONSOLE_TOKEN");

        assertThatThrownBy(() -> new ConsoleServer(open.withBind("0.0.0.0", "s3cret")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too short");

        try (ConsoleServer guarded = new ConsoleServer(open.withBind("0.0.0.0", TOKEN)).start()) {
            String url = "http://127.0.0.1:" + guarded.port();
            HttpResponse<String> none =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/alerts")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            HttpResponse<String> wrong =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/alerts"))
                                    .header("Authorization", "Bearer nope")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(
                            HTTP.send(
                                            HttpRequest.newBuilder(URI.create(url + "/metrics"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode())
                    .isEqualTo(401);
            HttpResponse<String> ok =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/alerts"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> cookie =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/alerts"))
                                    .header("Cookie", "gw_token=" + TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(cookie.statusCode()).isEqualTo(200);
            // the static UI carries no data and loads without the token
            assertThat(
                            HTTP.send(
                                            HttpRequest.newBuilder(URI.create(url + "/")).build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void pushesAlertsFromKafkaOverSseOncePerRevision() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                HttpResponse<java.io.InputStream> r =
                                        HTTP.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        base
                                                                                + "/api/stream?district="
                                                                                + URLEncoder.encode(
                                                                                        "闵行区",
                                                                                        StandardCharsets
                                                                                                .UTF_8)))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofInputStream());
                                try (BufferedReader in =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        r.body(), StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = in.readLine()) != null) {
                                        if (line.startsWith("id: ")) {
                                            events.add(line.substring(4));
                                        }
                                    }
                                }
                            } catch (Exception e) {
                                // test over
                            }
                        },
                        "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KafkaExtension.bootstrap()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            // The group starts at the end of the topic on its very first run: send warm-up
            // revisions until one arrives.
            String first = null;
            for (int rev = 0; rev < 60 && first == null; rev++) {
                send(
                        producer,
                        alert("warm", AlertType.TRUCK_NO_PERMIT, rev, AlertStatus.UPDATED, "闵行区"));
                first = events.poll(500, TimeUnit.MILLISECONDS);
            }
            assertThat(first).as("an alert from Kafka reached the SSE stream").startsWith("warm:");

            Alert a =
                    alert(
                            "push-1",
                            AlertType.TRUCK_SUSPECTED_DUMPING,
                            3,
                            AlertStatus.UPDATED,
                            "闵行区");
            send(producer, a);
            send(producer, a); // duplicate delivery of the same revision
            send(
                    producer,
                    alert(
                            "push-2",
                            AlertType.TRUCK_SUSPECTED_DUMPING,
                            0,
                            AlertStatus.OPEN,
                            "徐汇区")); // other district
            send(
                    producer,
                    alert(
                            "push-1",
                            AlertType.TRUCK_SUSPECTED_DUMPING,
                            4,
                            AlertStatus.UPDATED,
                            "闵行区"));
            // Warm-up revisions still in flight may arrive first; they say nothing about what
            // follows.
            assertThat(nextNot("warm:", events, 10)).isEqualTo("push-1:3");
            assertThat(nextNot("warm:", events, 10)).isEqualTo("push-1:4");
            assertThat(nextNot("warm:", events, 2))
                    .as("no duplicate, nothing from another district")
                    .isNull();
        }
    }

    @Test
    void alertsProducedWhileTheConsoleIsDownAreDeliveredAfterRestart() throws Exception {
        BlockingQueue<String> hooks = new LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer receiver =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/hook",
                ex -> {
                    ex.getRequestBody().readAllBytes();
                    hooks.add(ex.getRequestHeaders().getFirst("X-GridWatch-Delivery"));
                    ex.sendResponseHeaders(204, -1);
                    ex.close();
                });
        receiver.start();
        ConsoleConfig cfg =
                new ConsoleConfig(
                                "127.0.0.1",
                                0,
                                List.of(ElasticsearchExtension.url()),
                                KafkaExtension.bootstrap(),
                                null,
                                null,
                                null,
                                "console-restart-" + System.nanoTime(),
                                tmp.resolve("restart-state"))
                        .withWebhooks(
                                List.of("127.0.0.1"),
                                ConsoleConfig.DEFAULT_MAX_WEBHOOKS); // the receiver is on loopback
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KafkaExtension.bootstrap()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            try (ConsoleServer first = new ConsoleServer(cfg).start()) {
                HttpResponse<String> created =
                        post(
                                "http://127.0.0.1:" + first.port(),
                                "/api/webhooks",
                                "{\"url\":\"http://127.0.0.1:"
                                        + receiver.getAddress().getPort()
                                        + "/hook\",\"secret\":\"0123456789abcdef0123\",\"types\":[\"TRUCK_OVERSPEED\"]}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String got = null;
                for (int rev = 0; rev < 60 && got == null; rev++) {
                    send(
                            producer,
                            alert(
                                    "restart-warm",
                                    AlertType.TRUCK_OVERSPEED,
                                    rev,
                                    AlertStatus.UPDATED,
                                    "闵行区"));
                    got = hooks.poll(500, TimeUnit.MILLISECONDS);
                }
                assertThat(got).startsWith("restart-warm:");
            }
            send(
                    producer,
                    alert("while-down", AlertType.TRUCK_OVERSPEED, 0, AlertStatus.OPEN, "闵行区"));
            try (ConsoleServer second = new ConsoleServer(cfg).start()) {
                // Warm-up revisions sent after the first delivery may come before it, on either
                // console.
                assertThat(nextNot("restart-warm:", hooks, 20)).isEqualTo("while-down:0");
            }
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * The next item that does not start with {@code skipped}, or null after {@code seconds} without
     * one.
     */
    private static String nextNot(String skipped, BlockingQueue<String> queue, long seconds)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left = seconds * 1_000_000_000L; left > 0; left = end - System.nanoTime()) {
            String next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null || !next.startsWith(skipped)) {
                return next;
            }
        }
        return null;
    }

    static void send(KafkaProducer<byte[], byte[]> p, Alert a) throws Exception {
        p.send(
                        new ProducerRecord<>(
                                Topics.ALERTS,
                                a.alertId().getBytes(StandardCharsets.UTF_8),
                                Json.bytes(Documents.alert(a))))
                .get();
    }
}
