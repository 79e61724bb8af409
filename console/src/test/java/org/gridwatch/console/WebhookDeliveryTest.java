package org.gridwatch.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook push against a local receiver: signature, retries with back-off, duplicate suppression,
 * filters.
 */
class WebhookDeliveryTest {
    private static final String SECRET = "a-shared-secret-of-enough-length";

    /** The receiver runs on loopback, which a console reaches only when it is listed. */
    static final WebhookTargetPolicy LOCAL = WebhookTargetPolicy.of(List.of("127.0.0.1"));

    record Received(String delivery, String timestamp, String signature, byte[] body, long at) {}

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/hook",
                ex -> {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    attempts.incrementAndGet();
                    if (failuresLeft.getAndDecrement() > 0) {
                        ex.sendResponseHeaders(503, -1);
                    } else {
                        received.add(
                                new Received(
                                        ex.getRequestHeaders().getFirst(WebhookSender.DELIVERY),
                                        ex.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP),
                                        ex.getRequestHeaders().getFirst(WebhookSender.SIGNATURE),
                                        body,
                                        System.nanoTime()));
                        ex.sendResponseHeaders(204, -1);
                    }
                    ex.close();
                });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static ObjectNode alert(String id, int revision, String district, String type) {
        return Json.MAPPER
                .createObjectNode()
                .put("alertId", id)
                .put("revision", revision)
                .put("district", district)
                .put("type", type)
                .put("severity", "HIGH");
    }

    private static void await(List<Future<Boolean>> fs) throws Exception {
        for (Future<Boolean> f : fs) {
            f.get();
        }
    }

    @Test
    void signedDeliveryRetriedAfterFailuresAndDuplicatesSuppressed(@TempDir Path state)
            throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (AlertHub hub =
                new AlertHub(new WebhookSender(5, 50, metrics, LOCAL), metrics, state)) {
            hub.addWebhook(Set.of("闵行区"), Set.of("TRUCK_ROUTE_DEVIATION"), url(), SECRET);
            failuresLeft.set(2);

            long start = System.nanoTime();
            await(hub.publish(alert("a1", 0, "闵行区", "TRUCK_ROUTE_DEVIATION")));
            // the same revision again (at-least-once input, consumer restart): not delivered again
            await(hub.publish(alert("a1", 0, "闵行区", "TRUCK_ROUTE_DEVIATION")));
            // a new revision is a new delivery
            await(hub.publish(alert("a1", 1, "闵行区", "TRUCK_ROUTE_DEVIATION")));
            // filtered out: other district, other type
            await(hub.publish(alert("a2", 0, "徐汇区", "TRUCK_ROUTE_DEVIATION")));
            await(hub.publish(alert("a3", 0, "闵行区", "NOISE_EXCEEDANCE")));

            assertThat(attempts.get())
                    .as("two 503s, then success, then one more revision")
                    .isEqualTo(4);
            assertThat(received).extracting(Received::delivery).containsExactly("a1:0", "a1:1");
            // back-off: 50 ms then 100 ms before the successful attempt
            assertThat((received.get(0).at() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
            for (Received r : received) {
                String expected = "sha256=" + WebhookSender.sign(SECRET, r.timestamp(), r.body());
                assertThat(r.signature()).isEqualTo(expected);
                assertThat(Json.MAPPER.readTree(r.body()).path("alertId").asText()).isEqualTo("a1");
            }
            assertThat(
                            WebhookSender.sign(
                                    "wrong-secret-wrong-secret",
                                    received.get(0).timestamp(),
                                    received.get(0).body()))
                    .isNotEqualTo(received.get(0).signature().substring(7));
            assertThat(metrics.counter("gridwatch_console_alerts_duplicate").count())
                    .isEqualTo(1.0);
        }
        // subscriptions survive a restart, secrets are never described
        SimpleMeterRegistry metrics2 = new SimpleMeterRegistry();
        try (AlertHub again =
                new AlertHub(new WebhookSender(1, 10, metrics2, LOCAL), metrics2, state)) {
            assertThat(again.describeWebhooks()).hasSize(1);
            assertThat(again.describeWebhooks().get(0).has("secret")).isFalse();
            assertThat(Files.readString(state.resolve("webhooks.json"), StandardCharsets.UTF_8))
                    .contains(url());
        }
    }

    @Test
    void givesUpAfterMaxAttemptsAndDoesNotRetryRefusals(@TempDir Path state) throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        WebhookSender sender = new WebhookSender(3, 10, metrics, LOCAL);
        failuresLeft.set(100);
        assertThat(
                        sender.send(
                                new Subscription("s", null, null, url(), null),
                                "x:0",
                                "{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(attempts.get()).isEqualTo(3);

        receiver.removeContext("/hook");
        receiver.createContext(
                "/hook",
                ex -> {
                    attempts.incrementAndGet();
                    ex.sendResponseHeaders(400, -1);
                    ex.close();
                });
        attempts.set(0);
        assertThat(
                        sender.send(
                                new Subscription("s", null, null, url(), null),
                                "x:1",
                                "{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(attempts.get()).as("a 4xx refusal is final").isEqualTo(1);
    }

    @Test
    void liveListenersGetMatchingAlertsOnce() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (AlertHub hub = new AlertHub(new WebhookSender(1, 10, metrics, LOCAL), metrics, null)) {
            List<String> got = new CopyOnWriteArrayList<>();
            Runnable stop =
                    hub.listen(
                            new Subscription("l", Set.of("闵行区"), Set.of(), null, null),
                            a ->
                                    got.add(
                                            a.path("alertId").asText()
                                                    + ":"
                                                    + a.path("revision").asInt()));
            hub.publish(alert("b1", 0, "闵行区", "GRID_UNCOVERED"));
            hub.publish(alert("b1", 0, "闵行区", "GRID_UNCOVERED"));
            hub.publish(alert("b2", 0, "徐汇区", "GRID_UNCOVERED"));
            stop.run();
            hub.publish(alert("b3", 0, "闵行区", "GRID_UNCOVERED"));
            assertThat(got).containsExactly("b1:0");
        }
    }

    @Test
    void aTargetNoLongerAllowedIsNotContactedAtDelivery(@TempDir Path state) throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        // a subscription stored before the allow-list (or by an older console) to a target the
        // policy does not list
        try (AlertHub hub =
                new AlertHub(new WebhookSender(3, 10, metrics, LOCAL), metrics, state)) {
            hub.addWebhook(Set.of(), Set.of(), url(), null);
        }
        WebhookTargetPolicy strict = WebhookTargetPolicy.of(List.of("hooks.example.org"));
        try (AlertHub hub =
                new AlertHub(new WebhookSender(3, 10, metrics, strict), metrics, state)) {
            await(hub.publish(alert("c1", 0, "闵行区", "GRID_UNCOVERED")));
        }
        assertThat(attempts.get()).as("loopback is not listed: nothing sent").isZero();
        assertThat(
                        metrics.counter(
                                        "gridwatch_console_webhook_deliveries",
                                        "outcome",
                                        "blocked")
                                .count())
                .isEqualTo(1.0);
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        AtomicInteger redirected = new AtomicInteger();
        receiver.removeContext("/hook");
        receiver.createContext(
                "/hook",
                ex -> {
                    ex.getRequestBody().readAllBytes();
                    attempts.incrementAndGet();
                    ex.getResponseHeaders()
                            .set(
                                    "Location",
                                    "http://127.0.0.1:"
                                            + receiver.getAddress().getPort()
                                            + "/elsewhere");
                    ex.sendResponseHeaders(307, -1);
                    ex.close();
                });
        receiver.createContext(
                "/elsewhere",
                ex -> {
                    redirected.incrementAndGet();
                    ex.sendResponseHeaders(204, -1);
                    ex.close();
                });
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        WebhookSender sender = new WebhookSender(3, 10, metrics, LOCAL);
        assertThat(
                        sender.send(
                                new Subscription("s", null, null, url(), null),
                                "r:0",
                                "{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(attempts.get()).as("a redirect is a final refusal").isEqualTo(1);
        assertThat(redirected.get()).isZero();
    }

    @Test
    void subscriptionsAreCappedAndTheirFileIsPrivate(@TempDir Path state) throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (AlertHub hub =
                new AlertHub(new WebhookSender(1, 10, metrics, LOCAL), metrics, state, 2)) {
            hub.addWebhook(Set.of(), Set.of(), url(), SECRET);
            hub.addWebhook(Set.of(), Set.of(), url(), null);
            assertThatThrownBy(() -> hub.addWebhook(Set.of(), Set.of(), url(), null))
                    .isInstanceOf(ApiError.class)
                    .hasMessageContaining("at most 2")
                    .extracting(e -> ((ApiError) e).status())
                    .isEqualTo(409);
            assertThat(hub.webhooks()).hasSize(2);
        }
        Path file = state.resolve("webhooks.json");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }
}
