package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.model.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nearest officers travel with every pushed alert revision: the webhook body and the live (SSE)
 * listeners get them as the jobs published them, and both pages render them.
 */
class NearestOfficersPushTest {
    private static final long T = Instant.parse("2026-11-21T02:00:00Z").toEpochMilli();

    private static Alert alert() {
        return new Alert(
                        "STALL_REAPPEARED:S1:" + T,
                        AlertType.STALL_REAPPEARED,
                        AlertStatus.OPEN,
                        0,
                        Severity.MEDIUM,
                        null,
                        Map.of(),
                        T,
                        0,
                        T,
                        T + 400,
                        "SPOT",
                        "S1",
                        "310112001003",
                        "闵行区",
                        31.1,
                        121.4,
                        "摊点复现",
                        "Stall reappeared",
                        Map.of(),
                        List.of())
                .withNearestOfficers(
                        List.of(
                                new NearbyOfficer(
                                        "OF-0012", "王磊", 312.44, T - 30_000, 30, 31.1028, 121.4),
                                new NearbyOfficer(
                                        "OF-0031", null, 1_288, T - 95_000, 95, 31.1115, 121.4)));
    }

    private static void assertCarriesTheOfficers(JsonNode a) {
        JsonNode os = a.path("nearestOfficers");
        assertThat(os.size()).isEqualTo(2);
        assertThat(os.get(0).path("officerId").asText()).isEqualTo("OF-0012");
        assertThat(os.get(0).path("name").asText()).isEqualTo("王磊");
        assertThat(os.get(0).path("distanceM").asDouble()).isEqualTo(312.4);
        assertThat(os.get(0).path("fixAgeSeconds").asLong()).isEqualTo(30);
        assertThat(os.get(0).path("fixTime").asText()).isEqualTo("2026-11-21T01:59:30Z");
        assertThat(os.get(0).path("location").path("lat").asDouble()).isEqualTo(31.1028);
        assertThat(os.get(1).path("name").isNull()).isTrue();
    }

    @Test
    void theWebhookBodyAndTheLiveStreamShouldCarryTheNearestOfficers() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/hook",
                ex -> {
                    bodies.add(ex.getRequestBody().readAllBytes());
                    ex.sendResponseHeaders(204, -1);
                    ex.close();
                });
        receiver.start();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (AlertHub hub =
                new AlertHub(
                        new WebhookSender(1, 10, metrics, WebhookDeliveryTest.LOCAL),
                        metrics,
                        null)) {
            hub.addWebhook(
                    Set.of("闵行区"),
                    Set.of(),
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "a-shared-secret-of-enough-length");
            List<JsonNode> live = new CopyOnWriteArrayList<>();
            hub.listen(new Subscription("l", Set.of(), Set.of(), null, null), live::add);
            // As the console's consumer reads it: the bytes the jobs put on gridwatch.alerts.
            JsonNode published = Json.MAPPER.readTree(Json.bytes(Documents.alert(alert())));
            for (Future<Boolean> f : hub.publish(published)) {
                assertThat(f.get()).isTrue();
            }
            assertThat(bodies).hasSize(1);
            assertCarriesTheOfficers(Json.MAPPER.readTree(bodies.get(0)));
            assertThat(live).hasSize(1);
            assertCarriesTheOfficers(live.get(0));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theAlertCardAndThePushPageShouldRenderThem() throws IOException {
        assertThat(resource("i18n.js")).contains("function officersLine(a)", "a.nearestOfficers");
        assertThat(resource("app.js")).contains("officersLine(a)", "a.nearestOfficers");
        assertThat(resource("push.js")).contains("officersLine(a)");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                NearestOfficersPushTest.class.getResourceAsStream("/console-ui/" + name)) {
            return new String(
                    Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
