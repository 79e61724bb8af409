package org.gridwatch.launcher.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.stack.AlertTopic;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.testing.TestServers;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.stack.EmbeddedElasticsearch;
import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.Ports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch stopped (not slow: the process gone) for a whole simulated afternoon: the
 * detections read everything and the teams' alert topic gets every alert while it is down; once it
 * is back, the indexer catches up from Kafka and every alert (at its latest revision) and position
 * is there once; neither job restarts.
 */
class ElasticsearchOutageITCase {
    private static final List<String> INPUTS =
            List.of(Topics.GPS, Topics.HOTLINE, Topics.IOT, Topics.REFERENCE);

    @Test
    void detectionsAndAlertsShouldGoOnWithoutElasticsearchAndItShouldCatchUpAfterwards()
            throws Exception {
        Path work = Path.of("target", "faults", "es-outage");
        Scenario base = Scenario.load("default").withCitySize("small");
        Scenario scenario = base.withStart(base.start(), 240);
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        CityFiles.write(city, work.resolve("city"));
        int[] ports = Ports.reserve(2);
        try (EmbeddedElasticsearch es = TestServers.elasticsearch("data-outage").start();
                EmbeddedKafka kafka = TestServers.kafka(work).start();
                LocalFlink flink =
                        new LocalFlink(ports[0], ports[1], work.resolve("checkpoints"))) {
            kafka.createTopics();
            JobSettings settings =
                    JobSettings.fromArgs(
                            new String[] {
                                "--kafka",
                                kafka.bootstrap(),
                                "--es",
                                es.url(),
                                "--group-id",
                                "outage",
                                "--checkpoint-interval",
                                "1s",
                                "--city",
                                work.resolve("city").toString()
                            },
                            "outage");
            flink.start(settings, 2);

            es.close();
            try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap())) {
                Simulation sim = new Simulation(city, scenario);
                sim.sendReference(sink);
                sim.run(sink);
            }
            ConsumerProgress.awaitCaughtUp(
                    kafka.bootstrap(), "outage", INPUTS, Duration.ofMinutes(5));
            Map<String, Long> latestRevision = latestRevisionPerAlert(kafka.bootstrap());
            assertThat(latestRevision)
                    .as("alerts on the Kafka topic while Elasticsearch was down")
                    .isNotEmpty();
            assertThat(flink.jobStatus()).isEqualTo("RUNNING");

            es.start();
            ConsumerProgress.awaitCaughtUp(
                    kafka.bootstrap(),
                    "outage-indexer",
                    List.of(Topics.DOCUMENTS),
                    Duration.ofMinutes(3));
            try (EsQueries q = new EsQueries(es.url())) {
                Map<String, Long> indexed = new HashMap<>();
                for (JsonNode a : q.allSources("gridwatch-alerts")) {
                    assertThat(indexed.put(a.path("alertId").asText(), a.path("revision").asLong()))
                            .as("one document per alert")
                            .isNull();
                }
                assertThat(indexed)
                        .as("every alert at its latest revision")
                        .isEqualTo(latestRevision);
                assertThat(q.allSources("gridwatch-positions"))
                        .extracting(p -> p.path("entityId").asText())
                        .doesNotHaveDuplicates()
                        .hasSizeGreaterThan(city.officers().size() / 2);
            }
            assertThat(flink.restarts()).as("restarts of the detections/indexer").isEqualTo("0/0");
        }
    }

    /** Every alert revision on the alert topic, reduced to the latest revision per alert id. */
    private static Map<String, Long> latestRevisionPerAlert(String bootstrap) {
        Map<String, Long> latest = new HashMap<>();
        for (JsonNode a : AlertTopic.readCommitted(bootstrap)) {
            latest.merge(a.path("alertId").asText(), a.path("revision").asLong(), Math::max);
        }
        return latest;
    }
}
