package org.gridwatch.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.indexer.IndexerJob;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.testing.TestServers;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.sim.score.AlertDetections;
import org.gridwatch.sim.score.ScoreRow;
import org.gridwatch.sim.score.Scoring;
import org.gridwatch.stack.EmbeddedElasticsearch;
import org.gridwatch.stack.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GridWatch on a real Flink cluster: a standalone session cluster of three JVMs (a job manager, two
 * task managers with two slots each) on the jars a stock Flink distribution has, the shaded job jar
 * ({@code jobs/target/*-flink-job.jar}) submitted with {@code flink run -d} as deploy/ does, the
 * small city's default day simulated into a real Kafka, the detections (bounded, so they finish at
 * the end of the input) and the indexer (unbounded, as deployed) into a real Elasticsearch; then
 * the alerts in Elasticsearch are scored against the simulator's truth: no miss, no false alarm.
 *
 * <p>The jobs get no {@code --city}: as on a cluster whose machines share no disk, they read the
 * city (its CITY record, zone and objects) from {@code gridwatch.reference}, where the simulator
 * published it as {@code gridwatch city publish} does, to its end before they start.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class StandaloneClusterITCase {
    private static final Path WORK = Path.of("target", "cluster-itcase").toAbsolutePath();
    private static final Path JOBS_TARGET =
            Path.of("..", "jobs", "target").toAbsolutePath().normalize();

    private static EmbeddedElasticsearch es;
    private static EmbeddedKafka kafka;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startServers() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        es = TestServers.elasticsearch("data-cluster").start();
        kafka = TestServers.kafka(WORK).start();
        kafka.createTopics();
        cluster =
                new StandaloneFlinkCluster(
                                WORK.resolve("flink"),
                                StandaloneFlinkCluster.stockClasspath(JOBS_TARGET),
                                StandaloneFlinkCluster.jarOf(
                                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory"),
                                2,
                                Map.of())
                        .start(2);
    }

    @AfterAll
    static void stopServers() {
        try (AutoCloseable k = kafka;
                AutoCloseable e = es) {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theJobJarShouldFindEveryViolationOfASimulatedDayOnAFlinkClusterWithoutAFalseAlarm()
            throws Exception {
        Scenario scenario = Scenario.load("default").withCitySize("small");
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        Simulation sim = new Simulation(city, scenario);
        try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap())) {
            sim.sendReference(sink);
            sim.run(sink);
        }

        String jar = jobJar().toString();
        List<String> flags = List.of("--kafka", kafka.bootstrap(), "--es", es.url());
        List<String> detectionsArgs = new ArrayList<>(List.of(jar));
        detectionsArgs.addAll(flags);
        detectionsArgs.addAll(List.of("--bounded", "true"));
        String detections = cluster.flinkRun(detectionsArgs);
        List<String> indexerArgs = new ArrayList<>(List.of("-c", IndexerJob.class.getName(), jar));
        indexerArgs.addAll(flags);
        String indexer = cluster.flinkRun(indexerArgs);
        assertThat(cluster.flink("list", List.of("-a")))
                .as("flink list")
                .contains(detections, indexer);

        cluster.awaitState(detections, "FINISHED", Duration.ofMinutes(10));
        assertThat(cluster.get("/jobs/" + detections).path("name").asText())
                .isEqualTo(GridWatchJob.NAME);
        assertThat(cluster.taskManagersOf(detections))
                .as("task managers the detections ran on")
                .hasSize(2);
        cluster.awaitState(indexer, "RUNNING", Duration.ofMinutes(1));
        // The indexer commits its offsets when a checkpoint completes, after its sink has flushed.
        ConsumerProgress.awaitCaughtUp(
                kafka.bootstrap(),
                IndexerJob.NAME,
                List.of(Topics.DOCUMENTS),
                Duration.ofMinutes(5));

        String metrics = taskManagerMetrics();
        assertThat(metrics)
                .as("the task managers' Prometheus reporter (plugins/metrics-prometheus)")
                .contains("flink_taskmanager_job_task_operator_esDocumentsWritten");
        cluster.cancel(indexer);

        try (EsQueries q = new EsQueries(es.url())) {
            List<JsonNode> alerts = q.allSources("gridwatch-alerts");
            List<ScoreRow> rows =
                    Scoring.score(
                            sim.truth().records(),
                            AlertDetections.from(alerts),
                            sim.end(),
                            Scoring.DEFAULT_TOLERANCE_MS);
            rows.forEach(row -> System.out.println("on the Flink cluster: " + row.format()));
            int found = 0;
            for (ScoreRow row : rows) {
                assertThat(row.fp() + row.fn()).as(row.format()).isZero();
                found += row.tp();
            }
            assertThat(found).as("alerts found").isPositive();
            for (String type :
                    List.of("GRID_UNCOVERED", "STALL_REAPPEARED", "COMPLAINT_REPEAT", "TRUCK_")) {
                assertThat(rows)
                        .as("a " + type + " alert found")
                        .anySatisfy(
                                row -> {
                                    assertThat(row.type()).startsWith(type);
                                    assertThat(row.tp()).isPositive();
                                });
            }
            assertThat(q.allSources("gridwatch-positions")).as("positions indexed").isNotEmpty();
            indexWithCredentials(jar, alerts.size());
        }
    }

    /**
     * The same jar indexes the same documents into an Elasticsearch that wants Basic
     * authentication, with GRIDWATCH_ES_USERNAME and GRIDWATCH_ES_PASSWORD in the environment of
     * {@code flink run} (the index templates) and of the task managers (the sink): the client's
     * Basic scheme needs commons-codec, which a Flink cluster does not have, so the jar must carry
     * it.
     */
    private static void indexWithCredentials(String jar, int alerts) throws Exception {
        cluster.close();
        String user = "gridwatch-indexer";
        String password = "s3cret-" + System.nanoTime();
        int[] ports = org.gridwatch.stack.Ports.reserve(2);
        try (EmbeddedElasticsearch secured =
                        new EmbeddedElasticsearch(
                                        WORK.resolve("es-secured"),
                                        ports[0],
                                        ports[1],
                                        "512m",
                                        new java.io.PrintStream(
                                                java.io.OutputStream.nullOutputStream()),
                                        "data")
                                .withBasicAuth(user, password)
                                .start();
                StandaloneFlinkCluster withCredentials =
                        new StandaloneFlinkCluster(
                                        WORK.resolve("flink-credentials"),
                                        StandaloneFlinkCluster.stockClasspath(JOBS_TARGET),
                                        StandaloneFlinkCluster.jarOf(
                                                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory"),
                                        1,
                                        Map.of(
                                                "GRIDWATCH_ES_USERNAME",
                                                user,
                                                "GRIDWATCH_ES_PASSWORD",
                                                password))
                                .start(2);
                EsQueries anonymous = new EsQueries(secured.url(), null, null);
                EsQueries q = new EsQueries(secured.url(), user, password)) {
            assertThat(anonymous.problem()).as("Elasticsearch without credentials").contains("401");
            String indexer =
                    withCredentials.flinkRun(
                            List.of(
                                    "-c",
                                    IndexerJob.class.getName(),
                                    jar,
                                    "--kafka",
                                    kafka.bootstrap(),
                                    "--es",
                                    secured.url(),
                                    "--group-id",
                                    "indexer-with-credentials"));
            withCredentials.awaitState(indexer, "RUNNING", Duration.ofMinutes(1));
            ConsumerProgress.awaitCaughtUp(
                    kafka.bootstrap(),
                    "indexer-with-credentials",
                    List.of(Topics.DOCUMENTS),
                    Duration.ofMinutes(5));
            assertThat(withCredentials.state(indexer)).isEqualTo("RUNNING");
            assertThat(q.allSources("gridwatch-alerts"))
                    .as("alerts indexed with credentials")
                    .hasSize(alerts);
            withCredentials.cancel(indexer);
        }
    }

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(JOBS_TARGET)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-flink-job.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no *-flink-job.jar in "
                                                    + JOBS_TARGET
                                                    + ": build the jobs module first"));
        }
    }

    private static String taskManagerMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder all = new StringBuilder();
        for (int port : cluster.taskManagerReporterPorts()) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            all.append(r.body());
        }
        return all.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
