package org.gridwatch.launcher.quality;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.launcher.testing.TestServers;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.sim.score.AlertDetections;
import org.gridwatch.sim.score.ScoreRow;
import org.gridwatch.sim.score.Scoring;
import org.gridwatch.sim.score.TruthRecord;
import org.gridwatch.stack.EmbeddedKafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation loop inside a test: a fresh real Kafka broker, the scenario simulated into it, all
 * jobs run over it as a bounded job on a MiniCluster (parallelism 2, generic types off), and the
 * alerts scored against the simulator's truth. Elasticsearch is left out (alerts and documents are
 * collected), which keeps a run to seconds for a small city.
 */
public final class QualityHarness {
    /** What one run produced. */
    public record Result(
            List<ScoreRow> rows,
            List<Alert> alerts,
            List<EsWriteRequest> documents,
            List<DeadLetter> deadLetters,
            List<TruthRecord> truth,
            Simulation.Stats stats) {
        public ScoreRow row(String type) {
            return rows.stream()
                    .filter(r -> r.type().equals(type))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no score row " + type));
        }

        /** Alerts (episodes, latest revision) per type, for messages when an assertion fails. */
        public Map<String, Long> episodesPerType() {
            Map<String, Long> out = new TreeMap<>();
            alerts.stream()
                    .filter(a -> a.revision() == 0)
                    .forEach(a -> out.merge(a.type().name(), 1L, Long::sum));
            return out;
        }

        public String table() {
            StringBuilder b = new StringBuilder();
            rows.forEach(r -> b.append(r.format()).append('\n'));
            return b.toString();
        }
    }

    private QualityHarness() {}

    public static Result run(Scenario scenario, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        Path cityDir = workDir.resolve("city");
        CityFiles.write(city, cityDir);
        try (EmbeddedKafka kafka = TestServers.kafka(workDir).start()) {
            kafka.createTopics();
            Simulation sim = new Simulation(city, scenario);
            Simulation.Stats stats;
            try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap())) {
                sim.sendReference(sink);
                stats = sim.run(sink);
            }
            JobSettings settings =
                    JobSettings.fromArgs(
                            new String[] {
                                "--kafka",
                                kafka.bootstrap(),
                                "--bounded",
                                "true",
                                "--checkpoint-interval",
                                "0",
                                "--group-id",
                                "quality",
                                "--city",
                                cityDir.toString()
                            },
                            "quality");
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            CollectingSink<Alert> alerts = new CollectingSink<>();
            CollectingSink<EsWriteRequest> documents = new CollectingSink<>();
            CollectingSink<DeadLetter> dead = new CollectingSink<>();
            GridWatchJob.defineWorkflow(
                    env,
                    Inputs.kafka(settings),
                    new Outputs(
                            s -> s.sinkTo(new CollectingSink<>()),
                            s -> s.sinkTo(alerts),
                            s -> s.sinkTo(documents),
                            s -> s.sinkTo(dead)),
                    settings);
            env.execute("quality-" + scenario.name());
            List<Alert> alertList = alerts.values();
            List<JsonNode> docs =
                    alertList.stream().map(a -> (JsonNode) Documents.alert(a)).toList();
            List<TruthRecord> truth = sim.truth().records();
            List<ScoreRow> rows =
                    Scoring.score(
                            truth,
                            AlertDetections.from(docs),
                            sim.end(),
                            Scoring.DEFAULT_TOLERANCE_MS);
            return new Result(rows, alertList, documents.values(), dead.values(), truth, stats);
        }
    }
}
