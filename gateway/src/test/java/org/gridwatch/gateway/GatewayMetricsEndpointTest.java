package org.gridwatch.gateway;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayMetricsEndpointTest {
    @Test
    void servesTheCountersForPrometheus() throws Exception {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.connectionOpened();
        metrics.rejected("bad_checksum");
        try (GatewayMetricsEndpoint endpoint =
                GatewayMetricsEndpoint.start("127.0.0.1", 0, metrics)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + endpoint.port()
                                                            + "/metrics"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(r.body())
                    .contains("gridwatch_jt808_connections 1.0")
                    .contains("gridwatch_jt808_rejected_total{reason=\"bad_checksum\"} 1.0");
            HttpResponse<String> post =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + endpoint.port()
                                                            + "/metrics"))
                                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
