package org.gridwatch.console;

import org.gridwatch.common.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A console under test and an HTTP client for it. Elasticsearch is a closed local port: only
 * requests that never reach it answer.
 */
final class TestConsole {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ConsoleServer server;
    final String base;

    TestConsole(ConsoleServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** An Elasticsearch URL where nothing listens (connections are refused at once). */
    static String unreachableEs() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String csrf() throws Exception {
        return Json.read(get("/api/csrf").body()).path("token").asText();
    }

    /** A request as the console's own page sends it: JSON, its Origin, the CSRF token. */
    HttpResponse<String> send(String method, String path, String json) throws Exception {
        return send(method, path, json, "application/json", base, csrf());
    }

    /** A request with the given content type, Origin and CSRF header (null = header left out). */
    HttpResponse<String> send(
            String method, String path, String body, String contentType, String origin, String csrf)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (csrf != null) {
            b.header(CsrfGuard.HEADER, csrf);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends raw HTTP/1.1 (for headers HttpClient will not set, like Host) and returns the response
     * head and body.
     */
    String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
