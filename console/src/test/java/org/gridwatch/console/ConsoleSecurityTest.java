package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's defences against cross-site requests, its security headers and its webhook targets,
 * against a running console. Elasticsearch is unreachable: every refusal here happens before it is
 * asked.
 */
class ConsoleSecurityTest {
    private static final String HOOK = "{\"url\":\"http://127.0.0.2:8099/hook\"}";
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
                                "https://{s}.tiles.example:8443/{z}/{x}/{y}.png",
                                null,
                                state.resolve("state"))
                        .withWebhooks(List.of("127.0.0.2", "hooks.example.org"), 5);
        console = new TestConsole(new ConsoleServer(cfg).start());
    }

    @AfterAll
    static void stop() {
        console.server.close();
    }

    @Test
    void postsThatAPageCanSendWithoutPreflightAreRefused() throws Exception {
        String csrf = console.csrf();
        // text/plain and form bodies need no CORS preflight: any page could send them
        HttpResponse<String> plain =
                console.send("POST", "/api/webhooks", HOOK, "text/plain", console.base, csrf);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(415);
        assertThat(Json.read(plain.body()).path("error").asText()).contains("application/json");
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/webhooks",
                                        "url=http%3A%2F%2F127.0.0.2%2Fhook",
                                        "application/x-www-form-urlencoded",
                                        console.base,
                                        csrf)
                                .statusCode())
                .isEqualTo(415);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/webhooks",
                                        "--x--",
                                        "multipart/form-data; boundary=x",
                                        console.base,
                                        csrf)
                                .statusCode())
                .isEqualTo(415);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/alerts/a1/close",
                                        "{\"operator\":\"x\"}",
                                        "text/plain",
                                        console.base,
                                        csrf)
                                .statusCode())
                .isEqualTo(415);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/alerts/a1/ack",
                                        "{\"operator\":\"x\"}",
                                        null,
                                        console.base,
                                        csrf)
                                .statusCode())
                .isEqualTo(415);
        assertThat(
                        console.send("DELETE", "/api/webhooks/abc", null, null, console.base, csrf)
                                .statusCode())
                .isEqualTo(415);
        assertThat(Json.read(console.get("/api/webhooks").body()))
                .as("nothing was registered")
                .isEmpty();
    }

    @Test
    void crossOriginAndOriginlessStateChangesAreRefused() throws Exception {
        String csrf = console.csrf();
        HttpResponse<String> evil =
                console.send(
                        "POST",
                        "/api/webhooks",
                        HOOK,
                        "application/json",
                        "http://evil.example",
                        csrf);
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(Json.read(evil.body()).path("error").asText()).contains("cross-site");
        // same host, other port: another origin
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/webhooks",
                                        HOOK,
                                        "application/json",
                                        "http://127.0.0.1:1",
                                        csrf)
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/webhooks",
                                        HOOK,
                                        "application/json",
                                        "null",
                                        csrf)
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        console.send("POST", "/api/webhooks", HOOK, "application/json", null, csrf)
                                .statusCode())
                .as("neither Origin nor Referer")
                .isEqualTo(403);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/alerts/a1/close",
                                        "{\"operator\":\"x\"}",
                                        "application/json",
                                        "http://evil.example",
                                        csrf)
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        console.raw(
                                "POST /api/webhooks HTTP/1.1\r\nHost: 127.0.0.1:"
                                        + console.server.port()
                                        + "\r\nContent-Type: application/json\r\nReferer: http://evil.example/page\r\n"
                                        + CsrfGuard.HEADER
                                        + ": "
                                        + csrf
                                        + "\r\nContent-Length: "
                                        + HOOK.length()
                                        + "\r\nConnection: close\r\n\r\n"
                                        + HOOK))
                .startsWith("HTTP/1.1 403");
        assertThat(Json.read(console.get("/api/webhooks").body()))
                .as("nothing was registered")
                .isEmpty();
    }

    @Test
    void stateChangesNeedTheCsrfToken() throws Exception {
        HttpResponse<String> none =
                console.send("POST", "/api/webhooks", HOOK, "application/json", console.base, null);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(Json.read(none.body()).path("error").asText()).contains(CsrfGuard.HEADER);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/webhooks",
                                        HOOK,
                                        "application/json",
                                        console.base,
                                        "x")
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/webhooks",
                                        HOOK,
                                        "application/json",
                                        console.base,
                                        console.csrf() + "x")
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/alerts/a1/ack",
                                        "{\"operator\":\"x\"}",
                                        "application/json",
                                        console.base,
                                        null)
                                .statusCode())
                .isEqualTo(403);

        // the page's own request passes: JSON, its Origin (or only a same-origin Referer), the
        // token
        HttpResponse<String> ok = console.send("POST", "/api/webhooks", HOOK);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        String id = Json.read(ok.body()).path("id").asText();
        String viaReferer =
                console.raw(
                        "POST /api/webhooks HTTP/1.1\r\nHost: 127.0.0.1:"
                                + console.server.port()
                                + "\r\nContent-Type: application/json; charset=utf-8\r\nReferer: "
                                + console.base
                                + "/push.html\r\n"
                                + CsrfGuard.HEADER
                                + ": "
                                + console.csrf()
                                + "\r\nContent-Length: "
                                + HOOK.length()
                                + "\r\nConnection: close\r\n\r\n"
                                + HOOK);
        assertThat(viaReferer).startsWith("HTTP/1.1 201");
        assertThat(
                        console.send(
                                        "DELETE",
                                        "/api/webhooks/" + id,
                                        null,
                                        "application/json",
                                        console.base,
                                        null)
                                .statusCode())
                .isEqualTo(403);
        assertThat(console.send("DELETE", "/api/webhooks/" + id, null).statusCode()).isEqualTo(200);
        for (JsonNode w : Json.read(console.get("/api/webhooks").body())) {
            console.send("DELETE", "/api/webhooks/" + w.path("id").asText(), null);
        }
    }

    @Test
    void aForeignHostNameIsRefusedOnALoopbackConsole() throws Exception {
        // a DNS-rebinding page: the browser sends the attacker's host name
        assertThat(
                        console.raw(
                                "GET /api/csrf HTTP/1.1\r\nHost: evil.example:"
                                        + console.server.port()
                                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 403")
                .contains("unknown Host");
        assertThat(
                        console.raw(
                                "GET /api/csrf HTTP/1.1\r\nHost: localhost:"
                                        + console.server.port()
                                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(
                        console.raw(
                                "GET / HTTP/1.1\r\nHost: [::1]:"
                                        + console.server.port()
                                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void vendoredLibrariesAreFoundUnderTheVersionsTheirWebjarsRecord() throws Exception {
        // the versions are no longer written in the code: a wrong lookup would 404 the page's maps
        for (String path :
                List.of("/vendor/leaflet/leaflet.js", "/vendor/echarts/echarts.min.js")) {
            HttpResponse<String> r = console.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(path)
                    .contains("text/javascript; charset=utf-8");
            assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("max-age=3600");
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path :
                List.of(
                        "/",
                        "/index.html",
                        "/push.html",
                        "/app.js",
                        "/push.js",
                        "/style.css",
                        "/vendor/leaflet/leaflet.js",
                        "/api/config",
                        "/api/csrf",
                        "/api/webhooks",
                        "/api/nothing",
                        "/no-such-file.js",
                        "/metrics")) {
            HttpResponse<String> r = console.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp)
                    .as(path)
                    .contains(
                            "default-src 'self'",
                            "script-src 'self'",
                            "frame-ancestors 'none'",
                            "object-src 'none'")
                    .doesNotContain("unsafe-eval")
                    .doesNotContain("script-src 'self' 'unsafe-inline'");
            assertThat(csp)
                    .as("tiles from the configured host only")
                    .contains("img-src 'self' data: https://*.tiles.example:8443;");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
            if (path.startsWith("/api/") || path.equals("/metrics")) {
                assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            }
        }
        // the pages load no inline script: everything is a file from the console itself
        for (String page : List.of("/", "/push.html")) {
            String html = console.get(page).body();
            assertThat(html)
                    .as(page)
                    .doesNotContainPattern("<script>|<script [^>]*>[^<]")
                    .doesNotContain("<style")
                    .doesNotContainPattern("\\son[a-z]+=")
                    .doesNotContain("http://")
                    .doesNotContain("https://");
        }
        assertThat(
                        console.raw(
                                "POST /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .containsIgnoringCase("Content-Security-Policy: default-src 'self'")
                .containsIgnoringCase("X-Frame-Options: DENY");
    }

    @Test
    void hostileWebhookTargetsAreRefused() throws Exception {
        for (String url :
                List.of(
                        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                        "http://127.0.0.1:9200/_all",
                        "http://127.0.0.1:8081/jars/upload",
                        "http://[::1]:22/",
                        "http://10.0.0.1/hook",
                        "http://192.168.1.1/hook",
                        "http://172.16.0.1/hook",
                        "http://[fd12::1]/hook",
                        "http://0.0.0.0:9200/",
                        "http://localhost:9200/",
                        "http://2130706433:9200/",
                        "http://[::ffff:127.0.0.1]:9200/",
                        "ftp://127.0.0.2/hook",
                        "gopher://127.0.0.2:70/",
                        "http://user:s3cr3t-pw@127.0.0.2:8099/hook",
                        "http://hooks.example.org@127.0.0.1:9200/")) {
            HttpResponse<String> r =
                    console.send(
                            "POST",
                            "/api/webhooks",
                            Json.MAPPER.createObjectNode().put("url", url).toString());
            assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(400);
            assertThat(Json.read(r.body()).path("error").asText())
                    .as(url)
                    .isNotBlank()
                    .doesNotContain("s3cr3t-pw");
        }
        assertThat(Json.read(console.get("/api/webhooks").body())).isEmpty();
    }

    @Test
    void listedTargetsAreAcceptedWithoutEchoingCredentialsUpToTheCap() throws Exception {
        String secret = "0123456789abcdef-secret";
        HttpResponse<String> created =
                console.send(
                        "POST",
                        "/api/webhooks",
                        Json.MAPPER
                                .createObjectNode()
                                .put("url", "http://127.0.0.2:8099/hook?access_token=tok-123")
                                .put("secret", secret)
                                .toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listed = console.get("/api/webhooks").body();
        for (String body : List.of(created.body(), listed)) {
            assertThat(body)
                    .contains("127.0.0.2:8099/hook")
                    .contains("\"signed\":true")
                    .doesNotContain(secret)
                    .doesNotContain("tok-123");
        }
        for (int i = 1; i < 5; i++) {
            assertThat(console.send("POST", "/api/webhooks", HOOK).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> over = console.send("POST", "/api/webhooks", HOOK);
        assertThat(over.statusCode()).as(over.body()).isEqualTo(409);
        assertThat(Json.read(over.body()).path("error").asText()).contains("at most 5");
        assertThat(Json.read(console.get("/api/webhooks").body())).hasSize(5);
        for (JsonNode w : Json.read(console.get("/api/webhooks").body())) {
            assertThat(
                            console.send("DELETE", "/api/webhooks/" + w.path("id").asText(), null)
                                    .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void weakTokensAndBadSettingsStopTheStart() throws Exception {
        ConsoleConfig base =
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
        for (String weak :
                List.of(
                        "x",
                        "s3cret",
                        "abcdefghijklmnopqrstuvw",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "abababababababababababababab")) {
            assertThatThrownBy(() -> new ConsoleServer(base.withBind("127.0.0.1", weak)).start())
                    .as(weak)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(ConsoleConfig.TOKEN_ENV)
                    .hasMessageNotContaining(weak);
        }
        assertThatThrownBy(() -> new ConsoleServer(base.withBind("0.0.0.0", null)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ConsoleConfig.TOKEN_ENV);
        assertThatThrownBy(
                        () ->
                                new ConsoleServer(base.withWebhooks(List.of("http://x/"), 10))
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhook allow entry");
        assertThatThrownBy(
                        () ->
                                new ConsoleServer(base.withOrigins(List.of("console.example")))
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--origin");
        try (ConsoleServer strong =
                new ConsoleServer(base.withBind("127.0.0.1", "Vq8r-2LmZx7T_kP4sW9yB1nD")).start()) {
            TestConsole c = new TestConsole(strong);
            assertThat(c.get("/api/config").statusCode()).isEqualTo(401);
        }
    }
}
