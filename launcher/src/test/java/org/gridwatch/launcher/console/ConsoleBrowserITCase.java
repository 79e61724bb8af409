package org.gridwatch.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.gridwatch.console.ConsoleConfig;
import org.gridwatch.console.ConsoleServer;
import org.gridwatch.launcher.testing.ElasticsearchExtension;
import org.gridwatch.launcher.testing.KafkaExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real browser against the console: Debian's chromium driven by chromedriver over the W3C WebDriver
 * HTTP protocol (no Selenium). The set-up installs {@code chromium chromium-driver} (and a CJK font, fonts-wqy-zenhei) with apt when they are
 * missing and it runs as root; when no browser can be had, the test is skipped with the reason.
 * Screenshots go to {@code launcher/target/console-screenshots/}.
 */
@ExtendWith({ElasticsearchExtension.class, KafkaExtension.class})
class ConsoleBrowserITCase {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void mapFeedEvidenceAndHeatmapInARealBrowser() throws Exception {
        String driverBin = ensureBrowser();
        EsConnection es = new EsConnection(List.of(ElasticsearchExtension.url()));
        EsIndexTemplates.install(es);
        try (RestClient rc = es.lowLevelClient()) {
            ConsoleApiITCase.put(rc, "gridwatch-alerts", "e2e-1", Json.text(Documents.alert(
                    ConsoleApiITCase.alert("e2e-1", AlertType.TRUCK_SUSPECTED_DUMPING, 0, AlertStatus.OPEN, "闵行区"))));
            ConsoleApiITCase.put(rc, "gridwatch-positions", "t1", "{\"entityId\":\"t1\",\"entityType\":\"TRUCK\",\"eventTime\":\"2026-11-22T08:00:00Z\","
                    + "\"location\":{\"lat\":31.031,\"lon\":121.281},\"plate\":\"沪A00001\",\"district\":\"闵行区\"}");
            for (int h = 0; h < 24; h++) {
                ConsoleApiITCase.put(rc, "gridwatch-hotspots", "e2e-h" + h, "{\"gridCode\":\"g1\",\"district\":\"闵行区\",\"category\":\"STALL\",\"bucketStart\":"
                        + System.currentTimeMillis() + ",\"hourOfDay\":" + h + ",\"weekday\":" + (1 + h % 7) + ",\"count\":" + (h * 3 % 17 + 1) + "}");
            }
            rc.performRequest(new Request("POST", "/gridwatch-*/_refresh"));
        }
        Path city = Files.createDirectories(Path.of("target", "console-e2e-city"));
        Files.writeString(city.resolve("grids.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[121.27,31.02],[121.29,31.02],[121.29,31.04],[121.27,31.04],[121.27,31.02]]]},\"properties\":{\"gridCode\":\"31011200100101\"}}]}");
        Files.createDirectories(SHOTS);

        int driverPort;
        try (ServerSocket s = new ServerSocket(0)) {
            driverPort = s.getLocalPort();
        }
        Process driver = new ProcessBuilder(driverBin, "--port=" + driverPort).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "chromedriver.log").toFile()).start();
        try (ConsoleServer console = new ConsoleServer(new ConsoleConfig("127.0.0.1", 0, List.of(ElasticsearchExtension.url()),
                KafkaExtension.bootstrap(), city, null, null, "console-e2e-" + System.nanoTime(), null)).start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KafkaExtension.bootstrap()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            WebDriver wd = new WebDriver("http://127.0.0.1:" + driverPort);
            wd.waitReady(Duration.ofSeconds(20));
            wd.newSession();
            try {
                wd.go(console.url());
                wd.waitFor("document.querySelectorAll('.alert-marker').length > 0 && document.querySelectorAll('.pos-TRUCK').length > 0", Duration.ofSeconds(20));
                wd.waitFor("document.getElementById('status').textContent.indexOf('实时') >= 0", Duration.ofSeconds(20));
                wd.screenshot(SHOTS.resolve("1-map.png"));

                // a new alert arrives through Kafka and SSE; warm-up revisions until the consumer group is assigned
                boolean arrived = false;
                for (int rev = 0; rev < 40 && !arrived; rev++) {
                    Alert a = ConsoleApiITCase.alert("e2e-live", AlertType.TRUCK_ROUTE_DEVIATION, rev, AlertStatus.UPDATED, "闵行区");
                    producer.send(new ProducerRecord<>(Topics.ALERTS, a.alertId().getBytes(StandardCharsets.UTF_8), Json.bytes(Documents.alert(a)))).get();
                    arrived = wd.poll("document.querySelector('#feed li[data-id=\"e2e-live\"]') !== null", Duration.ofMillis(700));
                }
                assertThat(arrived).as("a Kafka alert appeared in the feed").isTrue();
                wd.screenshot(SHOTS.resolve("2-feed-live-alert.png"));

                wd.script("document.querySelector('#feed li[data-id=\"e2e-1\"]').click(); return true;");
                wd.waitFor("document.querySelectorAll('#evidence li').length == 2 && document.querySelectorAll('.evidence-point').length == 2", Duration.ofSeconds(10));
                wd.screenshot(SHOTS.resolve("3-alert-evidence.png"));

                wd.script("document.getElementById('tab-mgr').click(); return true;");
                wd.waitFor("document.querySelector('#heatmap canvas') !== null && echarts.getInstanceByDom(document.getElementById('heatmap'))"
                        + ".getOption().series[0].data.length > 0", Duration.ofSeconds(15));
                Thread.sleep(800); // let the chart animation finish
                wd.screenshot(SHOTS.resolve("4-heatmap.png"));

                wd.script("document.getElementById('lang').click(); return true;");
                wd.waitFor("document.getElementById('tab-mgr').textContent === 'Heatmaps'", Duration.ofSeconds(5));
            } finally {
                wd.quit();
            }
        } finally {
            driver.destroy();
            driver.waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(SHOTS.resolve("4-heatmap.png")).exists();
    }

    /** chromedriver's path, installing Debian's chromium and chromium-driver when possible; skips otherwise. */
    private static String ensureBrowser() throws InterruptedException {
        Path driver = Path.of("/usr/bin/chromedriver");
        boolean fonts = Files.isDirectory(Path.of("/usr/share/fonts/truetype/wqy"));
        if ((!Files.isExecutable(driver) || !fonts) && "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            try {
                Process p = new ProcessBuilder("bash", "-c", "(apt-get install -y -q chromium chromium-driver fonts-wqy-zenhei || (apt-get update -q && apt-get install -y -q chromium chromium-driver fonts-wqy-zenhei))")
                        .redirectErrorStream(true).redirectOutput(Path.of("target", "apt-chromium.log").toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroy();
                }
            } catch (IOException e) {
                // fall through to the skip below
            }
        }
        Assumptions.assumeTrue(Files.isExecutable(driver) && Files.isExecutable(Path.of("/usr/bin/chromium")),
                "SKIPPED: no chromium/chromedriver (apt-get install chromium chromium-driver failed or not root; see target/apt-chromium.log)");
        return driver.toString();
    }

    /** The few W3C WebDriver commands the test needs. */
    static final class WebDriver {
        private final String base;
        private String session;

        WebDriver(String base) {
            this.base = base;
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
            opts.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu").add("--disable-dev-shm-usage")
                    .add("--window-size=1400,900").add("--lang=zh-CN");
            session = call("POST", "/session", caps).path("value").path("sessionId").asText();
            assertThat(session).isNotBlank();
        }

        void go(String url) throws IOException, InterruptedException {
            call("POST", "/session/" + session + "/url", Json.MAPPER.createObjectNode().put("url", url));
        }

        JsonNode script(String js) throws IOException, InterruptedException {
            ObjectNode body = Json.MAPPER.createObjectNode().put("script", js);
            body.putArray("args");
            return call("POST", "/session/" + session + "/execute/sync", body).path("value");
        }

        boolean poll(String condition, Duration max) throws IOException, InterruptedException {
            long end = System.nanoTime() + max.toNanos();
            do {
                if (script("try { return !!(" + condition + "); } catch (e) { return false; }").asBoolean()) {
                    return true;
                }
                Thread.sleep(150);
            } while (System.nanoTime() < end);
            return false;
        }

        void waitFor(String condition, Duration max) throws IOException, InterruptedException {
            if (!poll(condition, max)) {
                screenshot(SHOTS.resolve("failed.png"));
                throw new AssertionError("browser condition not met within " + max + ": " + condition);
            }
        }

        void screenshot(Path file) throws IOException, InterruptedException {
            String b64 = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
            Files.write(file, Base64.getDecoder().decode(b64));
        }

        void quit() {
            try {
                call("DELETE", "/session/" + session, null);
            } catch (IOException | InterruptedException e) {
                // driver is being stopped anyway
            }
        }

        private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
            HttpRequest.Builder rq = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json; charset=utf-8");
            rq.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
            HttpResponse<String> r = HTTP.send(rq.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = Json.read(r.body());
            if (r.statusCode() >= 400) {
                throw new IOException("webdriver " + method + " " + path + ": " + r.statusCode() + " " + n.path("value").path("message").asText());
            }
            return n;
        }
    }
}
