package org.gridwatch.common.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaDeadLetterPublisherTest {
    @Test
    void theProducerGetsTheJobsClientSettings() {
        var client =
                new KafkaClientProperties(
                        "/etc/gridwatch/kafka.properties",
                        Map.of(
                                "security.protocol",
                                "SSL",
                                "ssl.truststore.location",
                                "/etc/ts.p12",
                                "ssl.truststore.password",
                                "pw"));
        var p =
                new KafkaDeadLetterPublisher("broker:9093", client, "gridwatch.deadletter")
                        .properties();
        assertThat(p)
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/ts.p12")
                .containsEntry("ssl.truststore.password", "pw")
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("acks", "all");
    }
}
