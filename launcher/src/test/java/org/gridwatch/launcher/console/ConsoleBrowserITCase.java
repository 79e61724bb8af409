package org.gridwatch.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;
import org.gridwatch.common.json.Json;
import org.gridwatch.console.ConsoleConfig;
import org.gridwatch.console.ConsoleServer;
import org.gridwatch.launcher.testing.DebianPackages;
import org.gridwatch.launcher.testing.ProductionRun;
import org.gridwatch.launcher.testing.TestServers;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.stack.EmbeddedElasticsearch;
import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.Ports;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real browser against the console over what a short run of the jobs wrote: a small simulated city
 * (yesterday 16:00-24:00 city time) into a real Kafka, all jobs with the production sinks into a
 * real Elasticsearch, while the console page is already open. The page must receive alerts over its
 * live stream, show the map with alert markers, officers and trucks, show an alert's evidence on
 * the map, render the hotspot heatmap, find a shop and open its file (records on a timeline and on
 * the map); then switch to English.
 *
 * <p>Debian's chromium is driven by chromedriver over the W3C WebDriver HTTP protocol (no
 * Selenium). The set-up installs {@code chromium chromium-driver} (and a CJK font,
 * fonts-wqy-zenhei) with apt when they are missing and it runs as root; when no browser can be had,
 * the test is skipped with the reason. Screenshots go to {@code
 * launcher/target/console-screenshots/}.
 */
class ConsoleBrowserITCase {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void mapFeedEvidenceAndHeatmapOfAShortRunInARealBrowser() throws Exception {
        String driverBin = ensureBrowser();
        Path work = Path.of("target", "console-e2e");
        Instant start =
                LocalDate.now(CityGenerator.ZONE)
                        .minusDays(1)
                        .atTime(LocalTime.of(16, 0))
                        .atZone(CityGenerator.ZONE)
                        .toInstant();
        // the small city from 16:00 yesterday for 8 h, with frequent violations (see the scenario's
        // description)
        Scenario scenario =
                Scenario.load("src/test/resources/scenarios/console-e2e.json")
                        .withStart(start, 8 * 60);
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        Path cityDir = work.resolve("city");
        CityFiles.write(city, cityDir);
        Files.createDirectories(SHOTS);
        try (EmbeddedElasticsearch es = TestServers.elasticsearch("data-console-e2e").start();
                EmbeddedKafka kafka = TestServers.kafka(work).start();
                ConsoleServer console =
                        new ConsoleServer(
                                new ConsoleConfig(
                                        "127.0.0.1",
                                        0,
                                        List.of(es.url()),
                                        kafka.bootstrap(),
                                        cityDir,
                                        null,
                                        null,
                                        "console-e2e",
                                        null))) {
            kafka.createTopics();
            EsIndexTemplates.install(new EsConnection(List.of(es.url())));
            console.start();
            Process driver = startDriver(driverBin);
            WebDriver wd = new WebDriver("http://127.0.0.1:" + driverPort, SHOTS);
            try {
                wd.waitReady(Duration.ofSeconds(20));
                wd.newSession();
                wd.go(console.url());
                wd.waitFor(
                        "document.getElementById('status').textContent.indexOf('实时') >= 0",
                        Duration.ofSeconds(30));
                assertThat(
                                wd.script("return document.querySelectorAll('#feed li').length;")
                                        .asInt())
                        .as("nothing before the run")
                        .isZero();

                ProductionRun.simulateAndRunAllJobs(
                        city, scenario, cityDir, kafka.bootstrap(), es.url(), "console-e2e");

                // alerts came over the page's live stream (Kafka topic -> console -> server-sent
                // events)
                wd.waitFor(
                        "state.streamed > 0 && document.querySelectorAll('#feed li').length > 0",
                        Duration.ofSeconds(60));
                wd.waitFor(
                        "document.querySelectorAll('.alert-marker').length > 0 && document.querySelectorAll('.pos-TRUCK').length > 0"
                                + " && document.querySelectorAll('.pos-OFFICER').length > 0",
                        Duration.ofSeconds(30));
                settleMap(wd);
                wd.screenshot(SHOTS.resolve("1-map.png"));
                wd.screenshot(SHOTS.resolve("2-feed-live-alerts.png"));

                // a truck's alert when there is one (its track shows best), open if possible; an
                // ended one needs the feed's status filter
                JsonNode chosen = alertWithLocatedEvidence(console.url());
                String alertId = chosen == null ? null : chosen.path("alertId").asText();
                if (chosen != null && chosen.path("status").asText().equals("CLOSED")) {
                    wd.script(
                            "const s = document.getElementById('f-status'); s.value = 'all'; s.onchange(); return true;");
                }
                assertThat(alertId).as("an alert with located evidence").isNotNull();
                String item = "document.querySelector('#feed li[data-id=\"" + alertId + "\"]')";
                wd.waitFor(item + " !== null", Duration.ofSeconds(10));
                wd.script(item + ".click(); return true;");
                wd.waitFor(
                        "document.querySelectorAll('#evidence li').length > 0 && document.querySelectorAll('.evidence-point').length > 0",
                        Duration.ofSeconds(10));
                settleMap(wd);
                wd.screenshot(SHOTS.resolve("3-alert-evidence.png"));

                // acknowledge through the page: a JSON POST with the page's Origin and CSRF token
                wd.script(
                        "document.getElementById('op-name').value = 'IT operator'; document.getElementById('btn-ack').click(); return true;");
                wd.waitFor(
                        "document.querySelector('#detail .op') !== null"
                                + " && document.querySelector('#detail .op').textContent.indexOf('ACKNOWLEDGED') >= 0",
                        Duration.ofSeconds(15));

                wd.script("document.getElementById('tab-mgr').click(); return true;");
                wd.waitFor(
                        "document.querySelector('#heatmap canvas') !== null && echarts.getInstanceByDom(document.getElementById('heatmap'))"
                                + ".getOption().series[0].data.length > 0",
                        Duration.ofSeconds(15));
                Thread.sleep(800); // let the chart animation finish
                wd.screenshot(SHOTS.resolve("4-heatmap.png"));

                openShopFile(wd, console.url());

                wd.script("document.getElementById('lang').click(); return true;");
                wd.waitFor(
                        "document.getElementById('tab-mgr').textContent === 'Heatmaps'"
                                + " && document.getElementById('shop-file').textContent.indexOf('Latest violation records') >= 0",
                        Duration.ofSeconds(5));
                // the page did all of this within its Content-Security-Policy
                assertThat(wd.script("return CSP_VIOLATIONS.join(' | ');").asText())
                        .as("CSP violations")
                        .isEmpty();
            } finally {
                wd.quit();
                driver.destroy();
                driver.waitFor(5, TimeUnit.SECONDS);
            }
        }
        assertThat(SHOTS.resolve("4-heatmap.png")).exists();
    }

    /**
     * Waits out Leaflet's zoom animation (the map pane is CSS-scaled while it runs), so a
     * screenshot shows the map at rest.
     */
    private static void settleMap(WebDriver wd) throws Exception {
        Thread.sleep(400);
        wd.waitFor(
                "document.querySelector('#map.leaflet-zoom-anim') === null", Duration.ofSeconds(5));
        Thread.sleep(300);
    }

    /**
     * The shops tab: a shop whose file has violation records, found over the HTTP API, is searched
     * in the page by its licence (or id when it has none) and its file opened from the results: the
     * records on the timeline and on the map. Every wait has a deadline.
     */
    private static void openShopFile(WebDriver wd, String consoleUrl) throws Exception {
        JsonNode shop = null;
        // ids are S00001...: each prefix S000..S099 finds up to 20 files
        for (int i = 0; i < 100 && shop == null; i++) {
            for (JsonNode s : get(consoleUrl + "api/shops?q=" + String.format("S%03d", i))) {
                if (s.path("totalRecords").asInt() > 0) {
                    shop = s;
                    break;
                }
            }
        }
        assertThat(shop).as("a shop file with violation records").isNotNull();
        String shopId = shop.path("shopId").asText();
        String q = shop.hasNonNull("licence") ? shop.path("licence").asText() : shopId;
        assertThat(get(consoleUrl + "api/shops/" + shopId).path("lastRecords")).isNotEmpty();
        wd.script(
                "document.getElementById('tab-shops').click(); document.getElementById('shop-q').value = "
                        + Json.MAPPER.writeValueAsString(q)
                        + "; document.getElementById('shop-go').click(); return true;");
        String item = "document.querySelector('#shop-results li[data-id=\"" + shopId + "\"]')";
        wd.waitFor(item + " !== null", Duration.ofSeconds(10));
        wd.script(item + ".click(); return true;");
        wd.waitFor(
                "document.querySelectorAll('#shop-timeline li').length > 0"
                        + " && document.querySelectorAll('.shop-record-point, .shop-point').length > 0"
                        + " && document.querySelector('#shop-counts') !== null",
                Duration.ofSeconds(10));
        wd.waitFor(
                "document.querySelector('#shop-map.leaflet-zoom-anim') === null",
                Duration.ofSeconds(5));
        wd.screenshot(SHOTS.resolve("5-shop-file.png"));
    }

    private int driverPort;

    private Process startDriver(String driverBin) throws IOException {
        driverPort = Ports.free();
        return new ProcessBuilder(driverBin, "--port=" + driverPort)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "chromedriver.log").toFile())
                .start();
    }

    /**
     * The alert whose evidence has places to show, ranked: an open truck alert, a truck alert, an
     * open alert, any; null if none.
     */
    private static JsonNode alertWithLocatedEvidence(String consoleUrl)
            throws IOException, InterruptedException {
        JsonNode best = null;
        int bestRank = -1;
        for (JsonNode a : get(consoleUrl + "api/alerts?size=300&status=all")) {
            int rank =
                    (a.path("type").asText().startsWith("TRUCK_") ? 2 : 0)
                            + (a.path("status").asText().equals("CLOSED") ? 0 : 1);
            if (rank <= bestRank) {
                continue;
            }
            for (JsonNode e :
                    get(consoleUrl + "api/alerts/" + a.path("alertId").asText()).path("evidence")) {
                if (e.has("location")) {
                    best = a;
                    bestRank = rank;
                    break;
                }
            }
        }
        return best;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return Json.read(r.body());
    }

    /**
     * chromedriver's path, installing Debian's chromium and chromium-driver when possible; skips
     * otherwise.
     */
    private static String ensureBrowser() throws InterruptedException {
        Path driver = Path.of("/usr/bin/chromedriver");
        DebianPackages.ensure(
                List.of(
                        driver,
                        Path.of("/usr/bin/chromium"),
                        Path.of("/usr/share/fonts/truetype/wqy")),
                Path.of("target", "apt-chromium.log"),
                true,
                "chromium",
                "chromium-driver",
                "fonts-wqy-zenhei");
        Assumptions.assumeTrue(
                Files.isExecutable(driver) && Files.isExecutable(Path.of("/usr/bin/chromium")),
                "SKIPPED: no chromium/chromedriver (apt-get install chromium chromium-driver failed or not root; see target/apt-chromium.log)");
        return driver.toString();
    }
}
