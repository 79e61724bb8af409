package org.gridwatch.launcher.e2e;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.JobRuntime;
import org.gridwatch.jobs.wiring.ProductionOutputs;
import org.gridwatch.launcher.testing.ElasticsearchExtension;
import org.gridwatch.launcher.testing.KafkaExtension;
import org.gridwatch.launcher.testing.ProductionRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Good and bad events through the real Kafka into the jobs and out to the real Elasticsearch and
 * the dead-letter topic, exactly as in production (the job's own main wiring).
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class})
class PipelineITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String ping(String id, String type, String time, double lat, double lon) {
        return "{\"entityId\":\""
                + run
                + "-"
                + id
                + "\",\"entityType\":\""
                + type
                + "\",\"time\":\""
                + time
                + "\",\"lat\":"
                + lat
                + ",\"lon\":"
                + lon
                + ",\"speed\":20,\"heading\":180,\"source\":\"test\"}";
    }

    @Test
    void goodEventsShouldReachElasticsearchAndBadOnesTheDeadLetterTopicWithReasons()
            throws Exception {
        Map<String, List<String>> input = new HashMap<>();
        input.put(
                Topics.GPS,
                List.of(
                        // One partition (one key), in event-time order: a ping 20 s behind another
                        // would be late.
                        ping("officer-1", "OFFICER", "2026-11-22T01:00:00Z", 31.10, 121.38),
                        ping("truck-1", "TRUCK", "2026-11-22T01:00:10Z", 31.05, 121.40),
                        ping("officer-1", "OFFICER", "2026-11-22T01:00:30Z", 31.1003, 121.3801),
                        "{\"entityId\":\""
                                + run
                                + "-bad-1\",\"entityType\":\"TRUCK\",\"time\":\"2026-11-22T01:00:00Z\",\"lat\":\"NaN\",\"lon\":121.4}",
                        "garbage " + run,
                        "{\"entityId\":\""
                                + run
                                + "-bad-2\",\"entityType\":\"TRUCK\",\"time\":\"2099-01-01T00:00:00Z\",\"lat\":31.1,\"lon\":121.4}"));
        input.put(
                Topics.HOTLINE,
                List.of(
                        "{\"eventId\":\""
                                + run
                                + "-e1\",\"caseId\":\"c1\",\"kind\":\"RECEIVED\",\"time\":\"2026-11-22T01:00:00Z\"}"));
        input.put(
                Topics.IOT,
                List.of(
                        "{\"deviceId\":\""
                                + run
                                + "-n1\",\"kind\":\"NOISE_READING\",\"time\":\"2026-11-22T01:00:00Z\",\"lat\":31.1,\"lon\":121.4,\"laeq\":50,\"lmax\":40}"));
        produce(input);

        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {
                            "--kafka",
                            KafkaExtension.bootstrap(),
                            "--es",
                            ElasticsearchExtension.url(),
                            "--group-id",
                            "e2e-" + run,
                            "--bounded",
                            "true",
                            "--checkpoint-interval",
                            "0"
                        },
                        "e2e");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobRuntime.configure(env, settings, "e2e");
        GridWatchJob.defineWorkflow(
                env,
                Inputs.kafka(settings),
                ProductionOutputs.create(settings, "e2e-" + run),
                settings);
        env.execute("e2e-" + run);
        ProductionRun.index(settings, new org.apache.flink.configuration.Configuration());

        try (RestClient es =
                new EsConnection(List.of(ElasticsearchExtension.url())).lowLevelClient()) {
            es.performRequest(new Request("POST", "/gridwatch-positions/_refresh"));
            JsonNode officer =
                    Json.MAPPER.readTree(
                            es.performRequest(
                                            new Request(
                                                    "GET",
                                                    "/gridwatch-positions/_doc/"
                                                            + run
                                                            + "-officer-1"))
                                    .getEntity()
                                    .getContent());
            assertThat(officer.path("_source").path("eventTime").asText())
                    .isEqualTo("2026-11-22T01:00:30Z");
            assertThat(officer.path("_source").path("location").path("lat").asDouble())
                    .isEqualTo(31.1003);
            assertThat(officer.path("_source").path("entityType").asText()).isEqualTo("OFFICER");
            Request search = new Request("GET", "/gridwatch-positions/_count");
            search.setJsonEntity("{\"query\":{\"prefix\":{\"entityId\":\"" + run + "\"}}}");
            assertThat(
                            Json.MAPPER
                                    .readTree(es.performRequest(search).getEntity().getContent())
                                    .path("count")
                                    .asLong())
                    .isEqualTo(2);
        }

        Map<String, String> reasonsByOriginal = new HashMap<>();
        for (JsonNode dl : readDeadLetters()) {
            if (dl.path("original").asText().contains(run)) {
                reasonsByOriginal.put(dl.path("original").asText(), dl.path("reasonCode").asText());
                assertThat(dl.path("offset").asLong()).isGreaterThanOrEqualTo(0);
                assertThat(dl.path("reason").asText()).isNotBlank();
            }
        }
        assertThat(reasonsByOriginal.values())
                .containsExactlyInAnyOrder(
                        "out_of_range", "bad_json", "future_time", "missing_field", "out_of_range");
        assertThat(reasonsByOriginal).containsEntry("garbage " + run, "bad_json");
    }

    @Test
    void aRecordOfAMegabyteShouldBeDeadLetteredWithoutStoppingTheJob() throws Exception {
        // An entity id of 500,000 quote characters: escaped in JSON, its dead letter once came to 2
        // MB, over the producer's limit, and the dead-letter writer failed the job at every
        // restart.
        String huge =
                "{\"entityId\":\"" + run + "\\\"".repeat(249_990) + "\",\"entityType\":\"TRUCK\"}";
        assertThat(huge.length()).isGreaterThan(500_000);
        Map<String, List<String>> input = new HashMap<>();
        input.put(
                Topics.GPS,
                List.of(
                        huge,
                        ping("after-huge", "OFFICER", "2026-11-22T01:00:00Z", 31.10, 121.38)));
        produce(input);

        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {
                            "--kafka",
                            KafkaExtension.bootstrap(),
                            "--es",
                            ElasticsearchExtension.url(),
                            "--group-id",
                            "e2e-huge-" + run,
                            "--bounded",
                            "true",
                            "--checkpoint-interval",
                            "0"
                        },
                        "e2e");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobRuntime.configure(env, settings, "e2e-huge");
        GridWatchJob.defineWorkflow(
                env,
                Inputs.kafka(settings),
                ProductionOutputs.create(settings, "e2e-huge-" + run),
                settings);
        env.execute("e2e-huge-" + run); // throws if any sink fails

        JsonNode dead =
                readDeadLetters().stream()
                        .filter(
                                d ->
                                        d.path("original")
                                                .asText()
                                                .startsWith("{\"entityId\":\"" + run + "\\"))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no dead letter for the huge record"));
        assertThat(dead.path("reasonCode").asText()).isEqualTo("too_large");
        assertThat(dead.path("originalTruncated").asBoolean()).isTrue();
        assertThat(dead.path("originalLength").asLong()).isEqualTo(huge.length());
    }

    private void produce(Map<String, List<String>> byTopic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaExtension.bootstrap());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (var e : byTopic.entrySet()) {
                for (String v : e.getValue()) {
                    producer.send(
                                    new ProducerRecord<>(
                                            e.getKey(),
                                            run.getBytes(StandardCharsets.UTF_8),
                                            v.getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
            }
        }
    }

    private List<JsonNode> readDeadLetters() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaExtension.bootstrap());
        p.put("group.id", "e2e-dl-" + run);
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.currentTimeMillis() + 20_000;
            int quietPolls = 0;
            while (System.currentTimeMillis() < deadline && quietPolls < 3) {
                var records = c.poll(Duration.ofSeconds(1));
                quietPolls = records.isEmpty() && !out.isEmpty() ? quietPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.add(Json.MAPPER.readTree(r.value()));
                }
            }
        }
        return out;
    }
}
