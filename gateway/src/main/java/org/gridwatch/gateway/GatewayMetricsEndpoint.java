package org.gridwatch.gateway;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} for Prometheus: the gateway's counters in the text exposition format ({@link
 * GatewayMetrics#prometheusText()}), on a port of its own so that the terminals' port speaks
 * nothing but JT/T 808. Counters only, no terminal data: no authentication.
 */
public final class GatewayMetricsEndpoint implements AutoCloseable {
    private final HttpServer server;

    private GatewayMetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    public static GatewayMetricsEndpoint start(String bindHost, int port, GatewayMetrics metrics)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        server.createContext(
                "/metrics",
                exchange -> {
                    try (exchange) {
                        if (!"GET".equals(exchange.getRequestMethod())) {
                            exchange.sendResponseHeaders(405, -1);
                            return;
                        }
                        byte[] body = metrics.prometheusText().getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders()
                                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
        server.start();
        return new GatewayMetricsEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
