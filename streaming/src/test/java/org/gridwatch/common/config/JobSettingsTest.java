package org.gridwatch.common.config;

import org.apache.flink.util.ParameterTool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSettingsTest {
    private static JobSettings parse(Map<String, String> env, String... args) {
        return JobSettings.from(ParameterTool.fromArgs(args), env::get, "test-group");
    }

    @Test
    void shouldUseDocumentedDefaults() {
        JobSettings s = parse(Map.of());
        assertThat(s.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(s.esUrls()).containsExactly("http://localhost:9200");
        assertThat(s.groupId()).isEqualTo("test-group");
        assertThat(s.maxOutOfOrder()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.checkpointInterval())
                .as("no flag: the cluster's configuration decides")
                .isNull();
        assertThat(s.describe())
                .containsEntry(JobSettings.CHECKPOINT_INTERVAL, JobSettings.CLUSTER_CHECKPOINTING);
        assertThat(s.fromEarliest()).isTrue();
        assertThat(s.bounded()).isFalse();
        assertThat(s.alertsExactlyOnce()).isFalse();
    }

    @Test
    void shouldPreferFlagsOverEnvironmentOverDefaults() {
        Map<String, String> env =
                Map.of("GRIDWATCH_KAFKA", "envhost:9092", "GRIDWATCH_ES", "http://envhost:9200");
        assertThat(parse(env).kafkaBootstrap()).isEqualTo("envhost:9092");
        assertThat(parse(env).esUrls()).containsExactly("http://envhost:9200");
        JobSettings flags =
                parse(env, "--kafka", "a:1,b:2", "--es", "http://x:9200, https://y:9243");
        assertThat(flags.kafkaBootstrap()).isEqualTo("a:1,b:2");
        assertThat(flags.esUrls()).isEqualTo(List.of("http://x:9200", "https://y:9243"));
    }

    @Test
    void shouldReadDurationsInHumanAndIsoForm() {
        JobSettings s =
                parse(
                        Map.of(),
                        "--max-out-of-order",
                        "500ms",
                        "--idle-timeout",
                        "PT1M",
                        "--checkpoint-interval",
                        "0");
        assertThat(s.maxOutOfOrder()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.checkpointInterval()).isZero();
    }

    @Test
    void shouldFailFastNamingTheFlag() {
        assertThatThrownBy(() -> parse(Map.of(), "--kafka", "nohost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka");
        assertThatThrownBy(() -> parse(Map.of(), "--es", "localhost:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--es");
        assertThatThrownBy(() -> parse(Map.of(), "--max-out-of-order", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-out-of-order");
        assertThatThrownBy(() -> parse(Map.of(), "--idle-timeout", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> parse(Map.of(), "--checkpoint-interval", "5ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--checkpoint-interval");
        assertThatThrownBy(() -> parse(Map.of(), "--from", "yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--from");
        assertThatThrownBy(() -> parse(Map.of(), "--max-record-bytes", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-record-bytes");
    }

    @Test
    void shouldReadTheCheckpointIntervalOnlyWhenGiven() {
        assertThat(parse(Map.of(), "--checkpoint-interval", "30s").checkpointInterval())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(parse(Map.of(), "--checkpoint-interval", "0").checkpointInterval()).isZero();
        assertThat(parse(Map.of(), "--checkpoint-interval", "PT1M").checkpointInterval())
                .isEqualTo(Duration.ofMinutes(1));
        JobSettings none = parse(Map.of());
        assertThat(none.toArgs()).doesNotContain("--" + JobSettings.CHECKPOINT_INTERVAL);
        assertThat(JobSettings.from(ParameterTool.fromArgs(none.toArgs()), k -> null, "test-group"))
                .isEqualTo(none);
    }

    @Test
    void shouldRoundTripThroughArgs() {
        JobSettings s =
                parse(
                        Map.of(),
                        "--kafka",
                        "k:1",
                        "--es",
                        "http://e:2",
                        "--checkpoint-interval",
                        "0",
                        "--bounded",
                        "true");
        assertThat(JobSettings.from(ParameterTool.fromArgs(s.toArgs()), k -> null, "other"))
                .isEqualTo(s);
    }

    @Test
    void shouldTakeTheCityZoneFromCityJsonAndShanghaiWithoutACity(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThat(parse(Map.of()).cityZone()).isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
        java.nio.file.Files.writeString(
                dir.resolve("city.json"), "{\"name\":\"Test\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(parse(Map.of(), "--city", dir.toString()).cityZone())
                .isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        java.nio.file.Files.writeString(dir.resolve("city.json"), "{\"name\":\"Test\"}");
        assertThat(parse(Map.of(), "--city", dir.toString()).cityZone())
                .isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void shouldReadKafkaClientPropertiesFromFlagOrEnvironmentAndNeverShowASecret(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file =
                java.nio.file.Files.writeString(
                        dir.resolve("kafka.properties"),
                        """
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="gw" password="jaas-secret";
                ssl.truststore.location=/etc/gridwatch/truststore.p12
                ssl.truststore.password=store-secret
                ssl.key.password=key-secret
                """);
        JobSettings s = parse(Map.of(), "--kafka-properties", file.toString());
        assertThat(s.kafkaClient().entries())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.key.password", "key-secret");
        assertThat(parse(Map.of("GRIDWATCH_KAFKA_PROPERTIES", file.toString())).kafkaClient())
                .isEqualTo(s.kafkaClient());

        String shown = s.describe().get(JobSettings.KAFKA_PROPERTIES);
        assertThat(shown)
                .contains(
                        file.toString(),
                        "security.protocol=SASL_SSL",
                        "sasl.mechanism=PLAIN",
                        "ssl.truststore.location=/etc/gridwatch/truststore.p12",
                        "sasl.jaas.config=<hidden>",
                        "ssl.truststore.password=<hidden>");
        for (String text :
                new String[] {
                    shown, s.describe().toString(), s.toString(), String.join(" ", s.toArgs())
                }) {
            assertThat(text).doesNotContain("jaas-secret", "store-secret", "key-secret");
        }
        assertThat(JobSettings.from(ParameterTool.fromArgs(s.toArgs()), k -> null, "test-group"))
                .isEqualTo(s);
        assertThat(parse(Map.of()).describe()).doesNotContainKey(JobSettings.KAFKA_PROPERTIES);
    }

    @Test
    void shouldFailFastOnAMissingKafkaPropertiesFileOrOneThatSetsWhatGridWatchSets(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThatThrownBy(
                        () ->
                                parse(
                                        Map.of(),
                                        "--kafka-properties",
                                        dir.resolve("absent.properties").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-properties")
                .hasMessageContaining("absent.properties");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-properties", dir.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable file");
        java.nio.file.Path other =
                java.nio.file.Files.writeString(
                        dir.resolve("other.properties"), "bootstrap.servers=elsewhere:9092\n");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-properties", other.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("--kafka");
    }
}
