package org.gridwatch.common.flink.kafka;

import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --kafka-properties reaches every Kafka client of {@link KafkaIO}: sources and the three sinks.
 */
class KafkaIOClientPropertiesTest {
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

    private JobSettings settings() throws Exception {
        Path file = Files.writeString(dir.resolve("kafka.properties"), SASL_SSL);
        return JobSettings.fromArgs(
                new String[] {"--kafka", "broker:9093", "--kafka-properties", file.toString()},
                "test-group");
    }

    private static Properties field(Object o, Class<?> type, String name) throws Exception {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return (Properties) f.get(o);
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
    void theSourceGetsTheFileAndKeepsItsOwnGroup() throws Exception {
        KafkaSource<?> source = KafkaIO.kafkaSource(settings(), Topics.GPS);
        Properties p = field(source, KafkaSource.class, "props");
        assertSecured(p);
        assertThat(p).containsEntry("group.id", "test-group");
    }

    @Test
    void everySinkGetsTheFileAndItWinsOverTheDefaults() throws Exception {
        JobSettings s = settings();
        for (KafkaSink<?> sink :
                new KafkaSink<?>[] {
                    KafkaIO.alertSink(s, "tx"), KafkaIO.deadLetterSink(s), KafkaIO.documentSink(s)
                }) {
            Properties p = field(sink, KafkaSink.class, "kafkaProducerConfig");
            assertSecured(p);
            assertThat(p).containsEntry("linger.ms", "20").containsEntry("compression.type", "lz4");
        }
    }

    @Test
    void withoutAFileTheClientsAreAsBefore() throws Exception {
        JobSettings s = JobSettings.fromArgs(new String[] {"--kafka", "broker:9092"}, "g");
        assertThat(s.kafkaClient()).isEqualTo(KafkaClientProperties.NONE);
        assertThat(field(KafkaIO.kafkaSource(s, Topics.GPS), KafkaSource.class, "props"))
                .doesNotContainKey("security.protocol");
        assertThat(field(KafkaIO.deadLetterSink(s), KafkaSink.class, "kafkaProducerConfig"))
                .doesNotContainKey("security.protocol");
    }
}
