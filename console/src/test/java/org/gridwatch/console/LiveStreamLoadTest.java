package org.gridwatch.console;

import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many open consoles: live streams do not hold request threads, so the API answers while 50 event
 * streams are open, every stream gets each alert and keep-alives, and a saturated pool answers 503.
 */
class LiveStreamLoadTest {
    private static final int STREAMS = 50;

    /** One raw event-stream connection; reads its lines with a timeout. */
    static final class Stream implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        Stream(int port, String query) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /api/stream"
                                    + query
                                    + " HTTP/1.1\r\nHost: 127.0.0.1:"
                                    + port
                                    + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            out.flush();
            in =
                    new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Reads until a line containing {@code text}; returns it. */
        String await(String text) throws Exception {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("stream ended before '" + text + "'");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    @Timeout(60)
    void theApiAnswersWhileFiftyStreamsAreOpen() throws Exception {
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
                        null);
        // the production pool size; keep-alives every 300 ms so the test sees them
        try (ConsoleServer server =
                new ConsoleServer(cfg, RequestPool.DEFAULT_WORKERS, RequestPool.DEFAULT_QUEUE, 300)
                        .start()) {
            TestConsole console = new TestConsole(server);
            List<Stream> streams = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    Stream s =
                            new Stream(
                                    server.port(),
                                    i % 2 == 0
                                            ? ""
                                            : "?district="
                                                    + java.net.URLEncoder.encode(
                                                            "闵行区", StandardCharsets.UTF_8));
                    streams.add(s);
                    assertThat(s.await("HTTP/1.1")).as("stream " + i).contains("200");
                    s.await(": connected");
                }
                assertThat(server.hub().listenerCount()).isEqualTo(STREAMS);

                // the API (endpoints that need no Elasticsearch) still answers at once, many times
                // over
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = console.get(i % 2 == 0 ? "/api/config" : "/api/csrf");
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(ms)
                            .as("request %d took %d ms with %d streams open", i, ms, STREAMS)
                            .isLessThan(1000);
                }
                HttpResponse<String> created =
                        console.send("POST", "/api/webhooks", "{\"url\":\"http://127.0.0.1/x\"}");
                assertThat(created.statusCode())
                        .as("state changes are served too (refused: no allow-list)")
                        .isEqualTo(400);

                // every stream receives an alert for it, and keep-alives
                server.hub()
                        .publish(
                                Json.MAPPER.valueToTree(
                                        Map.of(
                                                "alertId",
                                                "load-1",
                                                "revision",
                                                0,
                                                "district",
                                                "闵行区",
                                                "type",
                                                "GRID_UNCOVERED",
                                                "severity",
                                                "HIGH")));
                server.hub()
                        .publish(
                                Json.MAPPER.valueToTree(
                                        Map.of(
                                                "alertId",
                                                "load-2",
                                                "revision",
                                                0,
                                                "district",
                                                "徐汇区",
                                                "type",
                                                "GRID_UNCOVERED",
                                                "severity",
                                                "HIGH")));
                for (int i = 0; i < STREAMS; i++) {
                    Stream s = streams.get(i);
                    assertThat(s.await("id: ")).as("stream " + i).isEqualTo("id: load-1:0");
                    if (i % 2 == 0) {
                        assertThat(s.await("id: "))
                                .as("unfiltered stream " + i)
                                .isEqualTo("id: load-2:0");
                    }
                    s.await(": keep-alive");
                }
                assertThat(
                                Json.read(console.get("/api/health").body())
                                        .path("liveListeners")
                                        .asInt())
                        .isEqualTo(STREAMS);
            } finally {
                for (Stream s : streams) {
                    s.close();
                }
            }
            // closed streams are noticed at the next write (keep-alive) and let go
            long until = System.currentTimeMillis() + 10_000;
            while (server.hub().listenerCount() > 0 && System.currentTimeMillis() < until) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(server.hub().listenerCount()).isZero();
        }
    }

    @Test
    @Timeout(60)
    void aSaturatedPoolAnswers503() throws Exception {
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
                                null)
                        .withWebhooks(List.of("127.0.0.2"), 10);
        // two workers, no queue; two clients that send their body slowly hold both
        try (ConsoleServer server = new ConsoleServer(cfg, 2, 0, 15_000).start()) {
            TestConsole console = new TestConsole(server);
            String csrf = console.csrf();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.getOutputStream()
                            .write(
                                    ("POST /api/webhooks HTTP/1.1\r\nHost: 127.0.0.1:"
                                                    + server.port()
                                                    + "\r\nOrigin: "
                                                    + console.base
                                                    + "\r\nContent-Type: application/json\r\n"
                                                    + CsrfGuard.HEADER
                                                    + ": "
                                                    + csrf
                                                    + "\r\nContent-Length: 100\r\n\r\n{\"url\":")
                                            .getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                TimeUnit.MILLISECONDS.sleep(
                        500); // both are now inside the handler, reading the body
                long t0 = System.nanoTime();
                HttpResponse<String> busy = console.get("/api/config");
                assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After")).isPresent();
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            // once they are gone the console serves again
            long until = System.currentTimeMillis() + 10_000;
            int status = 0;
            while (status != 200 && System.currentTimeMillis() < until) {
                status = console.get("/api/config").statusCode();
            }
            assertThat(status).isEqualTo(200);
        }
    }
}
