package org.gridwatch.launcher.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.testing.DebianPackages;
import org.gridwatch.launcher.testing.KafkaExtension;
import org.gridwatch.stack.Ports;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in alerting rules ({@code deploy/prometheus/gridwatch-rules.yml}) in a real
 * Prometheus (Debian's package, run as a child process, never as the Debian service) scraping a
 * running GridWatch detections job on a mini cluster with Flink's Prometheus reporter, reading a
 * real Kafka.
 *
 * <ul>
 *   <li>{@code promtool} accepts the rules and the scrape configuration, and the rules' unit tests
 *       ({@code gridwatch-rules.test.yml}) pass;
 *   <li>Prometheus loads every rule, and none fails to evaluate against the job's real series;
 *   <li>malformed records on {@code gridwatch.gps} make {@code GridWatchDeadLetters} fire for topic
 *       {@code gridwatch.gps}, reason {@code bad_json}; a scrape target with nothing behind it
 *       makes {@code GridWatchMetricsTargetDown} fire;
 *   <li>every query of the Grafana dashboard ({@code deploy/grafana}) is valid PromQL, and its
 *       input and dead-letter panels show the run.
 * </ul>
 *
 * <p>The one substitution: the rules are loaded from a copy in which every {@code for:} is 1s, so
 * an alert fires within seconds; expressions and thresholds are the checked-in ones. The scrape
 * configuration is the checked-in {@code prometheus.yml} with 1 s intervals and local targets (the
 * mini cluster serves job and task manager metrics on one port; the console target is a free port
 * with no server). The test installs {@code prometheus} with apt when missing and running as root,
 * and skips with the reason otherwise. Prometheus' log and data: {@code target/prometheus-it/}.
 */
@ExtendWith(KafkaExtension.class)
class PrometheusRulesITCase {
    private static final Path DEPLOY = Path.of("..", "deploy", "prometheus");
    private static final Path WORK = Path.of("target", "prometheus-it");
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for:) \\S+$");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void prometheusInstalled() throws Exception {
        Files.createDirectories(WORK);
        boolean installed =
                DebianPackages.ensure(
                        List.of(PROMETHEUS, PROMTOOL),
                        WORK.resolve("apt-prometheus.log"),
                        false,
                        "prometheus");
        Assumptions.assumeTrue(
                installed,
                "SKIPPED: no /usr/bin/prometheus and /usr/bin/promtool (apt-get install prometheus failed or not root; see "
                        + WORK.resolve("apt-prometheus.log")
                        + ")");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        assertThat(run(DEPLOY, PROMTOOL.toString(), "check", "rules", "gridwatch-rules.yml"))
                .contains("SUCCESS");
        assertThat(run(DEPLOY, PROMTOOL.toString(), "check", "config", "prometheus.yml"))
                .contains("is valid prometheus config file");
        assertThat(run(DEPLOY, PROMTOOL.toString(), "test", "rules", "gridwatch-rules.test.yml"))
                .contains("SUCCESS");
    }

    @Test
    void malformedGpsRecordsFireTheDeadLetterAlertInARealPrometheus() throws Exception {
        long t0 = System.nanoTime();
        int[] ports =
                Ports.reserve(
                        4); // Flink UI, Flink's Prometheus reporter, Prometheus, a port nobody
        // serves
        Path data = WORK.resolve("data");
        deleteTree(data);
        Path rules = WORK.resolve("gridwatch-rules.yml");
        int alertRules = writeRulesWithShortFor(DEPLOY.resolve("gridwatch-rules.yml"), rules);
        Path config = writeConfig(DEPLOY.resolve("prometheus.yml"), rules, ports[1], ports[3]);
        String group = "prometheus-it-" + UUID.randomUUID();
        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {
                            "--kafka",
                            KafkaExtension.bootstrap(),
                            "--group-id",
                            group,
                            "--from",
                            "latest",
                            "--checkpoint-interval",
                            "2s"
                        },
                        group);
        String api = "http://127.0.0.1:" + ports[2];
        try (LocalFlink flink =
                new LocalFlink(ports[0], ports[1], WORK.resolve("checkpoints-" + ports[0]))) {
            flink.startDetections(settings, 1);
            Process prometheus =
                    new ProcessBuilder(
                                    PROMETHEUS.toString(),
                                    "--config.file=" + config.toAbsolutePath(),
                                    "--storage.tsdb.path=" + data.toAbsolutePath(),
                                    "--web.listen-address=127.0.0.1:" + ports[2])
                            .redirectErrorStream(true)
                            .redirectOutput(WORK.resolve("prometheus.log").toFile())
                            .start();
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            Thread producer =
                    new Thread(() -> produceMalformedGps(producing, sent), "malformed-gps");
            try {
                await(
                        "Prometheus ready",
                        Duration.ofSeconds(30),
                        () -> status(api + "/-/ready") == 200);
                log("Prometheus ready", t0);

                // every rule of the checked-in file loaded, and evaluated without error on the
                // job's series
                await(
                        "the job manager target up",
                        Duration.ofSeconds(60),
                        () -> targetHealth(api, "gridwatch-flink-jobmanager").equals("up"));
                await(
                        "every rule evaluated",
                        Duration.ofSeconds(30),
                        () -> ruleHealths(api).stream().noneMatch("unknown"::equals));
                List<String> healths = ruleHealths(api);
                assertThat(healths)
                        .as("rules loaded")
                        .hasSize(ruleCount(DEPLOY.resolve("gridwatch-rules.yml")))
                        .containsOnly("ok");
                assertThat(alertRules)
                        .as("alert rules with a for: in the copy")
                        .isGreaterThanOrEqualTo(10);
                log("rules loaded and evaluated", t0);

                // the fault: a feed sending broken JSON, 20 records a second
                producer.start();
                JsonNode deadLetterAlert =
                        await(
                                "GridWatchDeadLetters firing",
                                Duration.ofSeconds(90),
                                () ->
                                        firing(
                                                api,
                                                a ->
                                                        a.path("labels")
                                                                .path("alertname")
                                                                .asText()
                                                                .equals("GridWatchDeadLetters")));
                log("GridWatchDeadLetters firing after " + sent.get() + " malformed records", t0);
                assertThat(deadLetterAlert.path("labels").path("topic").asText())
                        .isEqualTo("gridwatch.gps");
                assertThat(deadLetterAlert.path("labels").path("reason").asText())
                        .isEqualTo("bad_json");
                assertThat(deadLetterAlert.path("labels").path("job_name").asText())
                        .isEqualTo("gridwatch_all");
                assertThat(deadLetterAlert.path("labels").path("severity").asText())
                        .isEqualTo("warning");
                assertThat(deadLetterAlert.path("annotations").path("summary").asText())
                        .isEqualTo("Dead letters on gridwatch.gps: bad_json");

                JsonNode down =
                        await(
                                "GridWatchMetricsTargetDown firing",
                                Duration.ofSeconds(30),
                                () ->
                                        firing(
                                                api,
                                                a ->
                                                        a.path("labels")
                                                                .path("alertname")
                                                                .asText()
                                                                .equals(
                                                                        "GridWatchMetricsTargetDown")));
                assertThat(down.path("labels").path("job").asText()).isEqualTo("gridwatch-console");
                assertThat(ruleHealths(api))
                        .as("rule health with dead letters flowing")
                        .containsOnly("ok");
                checkDashboardQueries(api);
                assertThat(flink.jobStatus()).isEqualTo("RUNNING");
                log("done", t0);
            } finally {
                producing.set(false);
                producer.join(10_000);
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    /**
     * Every query of the Grafana dashboard ({@code deploy/grafana/gridwatch-dashboard.json},
     * datasource a variable) is accepted by Prometheus, with Grafana's variables replaced; the
     * panels on the detections' input and dead letters show this run's series.
     */
    private static void checkDashboardQueries(String api) throws Exception {
        JsonNode dashboard =
                Json.MAPPER.readTree(
                        Path.of("..", "deploy", "grafana", "gridwatch-dashboard.json").toFile());
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText())
                        .as("datasource of " + panel.path("title"))
                        .isEqualTo("${datasource}");
                String expr =
                        target.path("expr")
                                .asText()
                                .replace("$__rate_interval", "1m")
                                .replace("$job", ".*");
                JsonNode r = query(api, expr);
                assertThat(r.path("status").asText())
                        .as(panel.path("title").asText() + ": " + expr + " -> " + r)
                        .isEqualTo("success");
                queries++;
                String title = panel.path("title").asText();
                if (title.equals("Dead letters per reason")) {
                    assertThat(r.path("data").path("result").findValuesAsText("reason"))
                            .as(title)
                            .contains("bad_json");
                }
                if (title.equals("Input rate per topic")
                        || title.equals("Consumer lag per topic")) {
                    // The source registers its per-partition gauges at its first fetch and a rate
                    // needs two scrapes: the series appears a scrape or two after the first
                    // records, later on a busy machine.
                    await(
                            title + " shows gridwatch.gps",
                            Duration.ofSeconds(90),
                            () ->
                                    query(api, expr)
                                                    .path("data")
                                                    .path("result")
                                                    .findValuesAsText("topic")
                                                    .contains("gridwatch.gps")
                                            ? Boolean.TRUE
                                            : null);
                }
            }
        }
        assertThat(queries).as("dashboard queries").isGreaterThan(10);
    }

    private static JsonNode query(String api, String expr)
            throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(api + "/api/v1/query"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "query="
                                                        + URLEncoder.encode(
                                                                expr, StandardCharsets.UTF_8)))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return Json.read(r.body());
    }

    /** Rules (alerting and recording) in a rules file. */
    private static int ruleCount(Path rules) throws IOException {
        return (int)
                Files.readAllLines(rules).stream()
                        .filter(l -> l.matches("\\s+- (alert|record): .+"))
                        .count();
    }

    /** Copies the rules with every {@code for:} set to 1s; returns how many were set. */
    private static int writeRulesWithShortFor(Path from, Path to) throws IOException {
        String text = Files.readString(from);
        Matcher m = FOR.matcher(text);
        int count = 0;
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "$1 1s");
            count++;
        }
        m.appendTail(out);
        Files.writeString(to, out.toString());
        return count;
    }

    /**
     * The checked-in scrape configuration with 1 s intervals, the rules copy, and local targets:
     * the job manager job scrapes the mini cluster's reporter, the task manager job goes (same
     * port), the console job scrapes a port with no server.
     */
    private static Path writeConfig(Path from, Path rules, int reporterPort, int deadPort)
            throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode conf = (ObjectNode) yaml.readTree(from.toFile());
        ObjectNode global = (ObjectNode) conf.path("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        conf.putArray("rule_files").add(rules.toAbsolutePath().toString());
        Map<String, String> targets =
                Map.of(
                        "gridwatch-flink-jobmanager", "127.0.0.1:" + reporterPort,
                        "gridwatch-console", "127.0.0.1:" + deadPort);
        ArrayNode kept = yaml.createArrayNode();
        for (JsonNode job : conf.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            assertThat(name)
                    .as("scrape job names")
                    .isIn(
                            "gridwatch-flink-jobmanager",
                            "gridwatch-flink-taskmanager",
                            "gridwatch-console",
                            "gridwatch-gateway");
            if (targets.containsKey(name)) {
                ObjectNode j = (ObjectNode) job;
                j.remove("dns_sd_configs");
                j.putArray("static_configs").addObject().putArray("targets").add(targets.get(name));
                kept.add(j);
            }
        }
        conf.set("scrape_configs", kept);
        Path out = WORK.resolve("prometheus.yml");
        yaml.writeValue(out.toFile(), conf);
        return out;
    }

    private static void produceMalformedGps(AtomicBoolean producing, AtomicLong sent) {
        Map<String, Object> props =
                Map.of("bootstrap.servers", KafkaExtension.bootstrap(), "linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (producing.get()) {
                long n = sent.incrementAndGet();
                p.send(
                        new ProducerRecord<>(
                                Topics.GPS,
                                ("{\"deviceId\": \"broken-" + n + "\", \"lat\": 31.1")
                                        .getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String targetHealth(String api, String job)
            throws IOException, InterruptedException {
        for (JsonNode t : get(api + "/api/v1/targets").path("data").path("activeTargets")) {
            if (t.path("labels").path("job").asText().equals(job)) {
                return t.path("health").asText();
            }
        }
        return "absent";
    }

    /**
     * Every rule's health ("ok", "err" or "unknown" before its first evaluation), failing on a load
     * error.
     */
    private static List<String> ruleHealths(String api) throws IOException, InterruptedException {
        JsonNode r = get(api + "/api/v1/rules");
        assertThat(r.path("status").asText()).as("rules API: " + r).isEqualTo("success");
        List<String> healths = new ArrayList<>();
        for (JsonNode g : r.path("data").path("groups")) {
            for (JsonNode rule : g.path("rules")) {
                assertThat(rule.path("lastError").asText())
                        .as("error of rule " + rule.path("name").asText())
                        .isEmpty();
                healths.add(rule.path("health").asText());
            }
        }
        return healths;
    }

    /** The first firing alert matching, or null. */
    private static JsonNode firing(String api, Predicate<JsonNode> which)
            throws IOException, InterruptedException {
        for (JsonNode a : get(api + "/api/v1/alerts").path("data").path("alerts")) {
            if (a.path("state").asText().equals("firing") && which.test(a)) {
                return a;
            }
        }
        return null;
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /**
     * Polls until the probe gives true or a non-null value; fails with {@code what} at the
     * deadline.
     */
    private static <T> T await(String what, Duration timeout, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = probe.get();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (IOException e) {
                last = e; // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "timed out after "
                        + timeout.toSeconds()
                        + " s waiting for "
                        + what
                        + " (Prometheus log: "
                        + WORK.resolve("prometheus.log")
                        + ")",
                last);
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return Json.read(r.body());
    }

    /** Runs a command in {@code dir}; its output, after asserting exit code 0. */
    private static String run(Path dir, String... command) throws Exception {
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as(String.join(" ", command) + " finished")
                .isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void log(String what, long t0) {
        System.out.printf(
                "PrometheusRulesITCase: %s at %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }
}
