package org.gridwatch.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The few W3C WebDriver commands the browser tests need (chromedriver over HTTP; no Selenium). */
final class WebDriver {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Path shots;
    private String session;

    WebDriver(String base, Path shots) {
        this.base = base;
        this.shots = shots;
    }

    void waitReady(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("chromedriver did not become ready");
    }

    void newSession() throws IOException, InterruptedException {
        ObjectNode caps = Json.MAPPER.createObjectNode();
        ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
        ObjectNode opts = always.putObject("goog:chromeOptions");
        opts.put("binary", "/usr/bin/chromium");
        opts.putArray("args")
                .add("--headless=new")
                .add("--no-sandbox")
                .add("--disable-gpu")
                .add("--disable-dev-shm-usage")
                .add("--window-size=1400,900")
                .add("--lang=zh-CN");
        session = call("POST", "/session", caps).path("value").path("sessionId").asText();
        assertThat(session).isNotBlank();
    }

    void go(String url) throws IOException, InterruptedException {
        call(
                "POST",
                "/session/" + session + "/url",
                Json.MAPPER.createObjectNode().put("url", url));
    }

    JsonNode script(String js) throws IOException, InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("script", js);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body).path("value");
    }

    boolean poll(String condition, Duration max) throws IOException, InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        do {
            if (script("try { return !!(" + condition + "); } catch (e) { return false; }")
                    .asBoolean()) {
                return true;
            }
            Thread.sleep(150);
        } while (System.nanoTime() < end);
        return false;
    }

    void waitFor(String condition, Duration max) throws IOException, InterruptedException {
        if (!poll(condition, max)) {
            screenshot(shots.resolve("failed.png"));
            throw new AssertionError("browser condition not met within " + max + ": " + condition);
        }
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        String b64 =
                call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
        Files.write(file, Base64.getDecoder().decode(b64));
    }

    void quit() {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (IOException | InterruptedException e) {
            // driver is being stopped anyway
        }
    }

    private JsonNode call(String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder rq =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json; charset=utf-8");
        rq.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = HTTP.send(rq.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = Json.read(r.body());
        if (r.statusCode() >= 400) {
            throw new IOException(
                    "webdriver "
                            + method
                            + " "
                            + path
                            + ": "
                            + r.statusCode()
                            + " "
                            + n.path("value").path("message").asText());
        }
        return n;
    }
}
