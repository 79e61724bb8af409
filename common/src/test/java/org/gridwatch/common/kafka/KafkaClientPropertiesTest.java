package org.gridwatch.common.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --kafka-properties reaches the reference bootstrap's consumer ({@code
 * KafkaIOClientPropertiesTest} in the streaming module: the sources and sinks of a job).
 */
class KafkaClientPropertiesTest {
    static final String SASL_SSL =
            """
            security.protocol=SASL_SSL
            sasl.mechanism=SCRAM-SHA-512
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="gw" password="s3cret-jaas";
            ssl.truststore.location=/etc/gridwatch/kafka-truststore.p12
            ssl.truststore.password=s3cret-store
            linger.ms=20
            """;

    @TempDir Path dir;

    private KafkaClientProperties client() throws Exception {
        return KafkaClientProperties.read(
                Files.writeString(dir.resolve("kafka.properties"), SASL_SSL).toString());
    }

    private static void assertSecured(Properties p) {
        assertThat(p)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/gridwatch/kafka-truststore.p12")
                .containsEntry("ssl.truststore.password", "s3cret-store")
                .containsEntry("bootstrap.servers", "broker:9093");
        assertThat(p.getProperty("sasl.jaas.config")).contains("password=\"s3cret-jaas\"");
    }

    @Test
    void theReferenceBootstrapConsumerGetsTheFileAndKeepsReadingBytes() throws Exception {
        Properties p =
                ReferenceBootstrap.properties("broker:9093", client(), Duration.ofSeconds(5));
        assertSecured(p);
        assertThat(p)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false");
    }

    /**
     * How every program resolves the option (jobs, console, gateway, launcher tools): flag, else
     * env, else none.
     */
    @Test
    void theFlagWinsOverTheEnvironmentAndABlankEnvironmentMeansNoFile() throws Exception {
        Path flag = Files.writeString(dir.resolve("flag.properties"), "security.protocol=SSL\n");
        Path fromEnv =
                Files.writeString(dir.resolve("env.properties"), "security.protocol=SASL_SSL\n");
        java.util.Map<String, String> env =
                java.util.Map.of(KafkaClientProperties.ENV, fromEnv.toString());

        assertThat(KafkaClientProperties.fromFlagOrEnv(flag.toString(), env::get).entries())
                .containsEntry("security.protocol", "SSL");
        assertThat(KafkaClientProperties.fromFlagOrEnv(null, env::get).entries())
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(
                        KafkaClientProperties.fromFlagOrEnv(
                                null, java.util.Map.of(KafkaClientProperties.ENV, " ")::get))
                .isEqualTo(KafkaClientProperties.NONE);
        assertThat(KafkaClientProperties.fromFlagOrEnv(null, k -> null))
                .isEqualTo(KafkaClientProperties.NONE);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> KafkaClientProperties.fromFlagOrEnv("", k -> null))
                .withMessageContaining("--kafka-properties");
    }
}
