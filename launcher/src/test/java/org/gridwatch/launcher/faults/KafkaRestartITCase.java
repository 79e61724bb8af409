package org.gridwatch.launcher.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.stack.AlertTopic;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.testing.TestServers;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.sim.score.AlertDetections;
import org.gridwatch.sim.score.ScoreRow;
import org.gridwatch.sim.score.Scoring;
import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.Ports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker restarted while the detections read a simulated city and write transactional
 * alerts: the job recovers by itself and finishes, and a read-committed consumer of the alert topic
 * sees every alert the truth asks for, each revision exactly once.
 */
class KafkaRestartITCase {
    private static final List<String> INPUTS =
            List.of(Topics.GPS, Topics.HOTLINE, Topics.IOT, Topics.REFERENCE);

    @Test
    void aBrokerRestartMidRunShouldLoseAndDuplicateNoAlert() throws Exception {
        Path work = Path.of("target", "faults", "kafka-restart");
        Scenario scenario = Scenario.load("default").withCitySize("small");
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        CityFiles.write(city, work.resolve("city"));
        int[] ports = Ports.reserve(2);
        try (EmbeddedKafka kafka = TestServers.kafka(work).start();
                LocalFlink flink =
                        new LocalFlink(ports[0], ports[1], work.resolve("checkpoints"))) {
            kafka.createTopics();
            Simulation sim = new Simulation(city, scenario);
            long events;
            try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap())) {
                sim.sendReference(sink);
                events = sim.run(sink).total();
            }
            JobSettings settings =
                    JobSettings.fromArgs(
                            new String[] {
                                "--kafka",
                                kafka.bootstrap(),
                                "--group-id",
                                "restart",
                                "--bounded",
                                "true",
                                "--checkpoint-interval",
                                "1s",
                                "--alerts-exactly-once",
                                "true",
                                "--city",
                                work.resolve("city").toString()
                            },
                            "restart");
            flink.startDetections(settings, 2);

            // Restart the broker once the job is part of the way through its input.
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (ConsumerProgress.lag(kafka.bootstrap(), "restart", INPUTS) > events * 2 / 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            kafka.restart();

            flink.awaitFinished(
                    Duration.ofMinutes(5)); // bounded: ends after its last transaction is committed
            List<JsonNode> revisions = AlertTopic.readCommitted(kafka.bootstrap());
            Set<String> seen = new HashSet<>();
            List<String> repeated = new ArrayList<>();
            for (JsonNode a : revisions) {
                String key = a.path("alertId").asText() + " r" + a.path("revision").asLong();
                if (!seen.add(key)) {
                    repeated.add(key);
                }
            }
            assertThat(repeated).as("alert revisions delivered twice").isEmpty();
            List<ScoreRow> rows =
                    Scoring.score(
                            sim.truth().records(),
                            AlertDetections.from(revisions),
                            sim.end(),
                            Scoring.DEFAULT_TOLERANCE_MS);
            for (ScoreRow row : rows) {
                assertThat(row.fn()).as("missed after a broker restart: " + row.format()).isZero();
            }
            assertThat(flink.jobStatus()).isEqualTo("FINISHED");
            System.out.println(
                    "Kafka restart: "
                            + revisions.size()
                            + " alert revisions, job restarts "
                            + flink.restarts());
        }
    }
}
