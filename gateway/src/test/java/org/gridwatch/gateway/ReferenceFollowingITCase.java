package org.gridwatch.gateway;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.ReferenceFollower;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.gridwatch.stack.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's truck directory on a real broker: the trucks on {@code gridwatch.reference} when it
 * starts, then a truck published while it runs and one deleted (a tombstone, as compaction leaves
 * it) take effect without a restart.
 */
class ReferenceFollowingITCase {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.startOnReservedPorts(Path.of("target", "kafka-reference-itcase"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            EmbeddedKafka.createTopics(
                    admin, java.util.List.of(new NewTopic(Topics.REFERENCE, 1, (short) 1)));
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static final String CITY =
            """
            {"kind":"CITY","id":"city","time":"2026-05-01T08:00:00+08:00","payload":{"name":"t","centerLat":31.1,"centerLon":121.4,"timeZone":"Asia/Shanghai"}}""";

    private static String truck(String id, String phone) {
        return "{\"kind\":\"TRUCK\",\"id\":\""
                + id
                + "\",\"time\":\"2026-05-01T08:00:00+08:00\",\"payload\":{\"truckId\":\""
                + id
                + "\",\"plate\":\"沪A"
                + id
                + "\",\"terminalPhone\":\""
                + phone
                + "\"}}";
    }

    private static void send(KafkaProducer<byte[], byte[]> p, String key, String value)
            throws Exception {
        p.send(
                        new ProducerRecord<>(
                                Topics.REFERENCE,
                                key.getBytes(StandardCharsets.UTF_8),
                                value == null ? null : value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    @Test
    void trucksPublishedOrDeletedWhileTheGatewayRunsMapAtOnce() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrap(),
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class,
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class))) {
            send(producer, "CITY:city", CITY);
            send(producer, "TRUCK:T1", truck("T1", "013900000001"));
            ReferenceSnapshot snapshot =
                    ReferenceBootstrap.read(
                            kafka.bootstrap(),
                            KafkaClientProperties.NONE,
                            Topics.REFERENCE,
                            ParseLimits.DEFAULTS,
                            Duration.ofMinutes(1));
            TerminalDirectory directory = TerminalDirectory.empty();
            snapshot.updates().forEach(directory::apply);
            assertThat(directory.lookup("013900000001").entityId()).isEqualTo("T1");

            CountDownLatch twoApplied = new CountDownLatch(2);
            ReferenceFollower follower;
            try (ReferenceFollower f =
                    follower =
                            ReferenceFollower.start(
                                    kafka.bootstrap(),
                                    KafkaClientProperties.NONE,
                                    Topics.REFERENCE,
                                    snapshot,
                                    ParseLimits.DEFAULTS,
                                    u -> {
                                        directory.apply(u);
                                        twoApplied.countDown();
                                    })) {
                // In topic order (one partition): the refused record is behind the follower once
                // the two others are applied.
                send(
                        producer,
                        "TRUCK:T3",
                        "{\"kind\":\"TRUCK\",\"id\":\"T3\"}"); // no payload: refused
                send(producer, "TRUCK:T2", truck("T2", "013900000002"));
                send(producer, "TRUCK:T1", null);
                assertThat(twoApplied.await(1, TimeUnit.MINUTES))
                        .as("two updates applied")
                        .isTrue();
            }
            // Read once the follower's thread has ended (close joins it): its counters are final
            // then.
            assertThat(follower.refused()).isEqualTo(1);
            assertThat(follower.applied()).isEqualTo(2);
            assertThat(directory.lookup("013900000002").entityId()).isEqualTo("T2");
            assertThat(directory.lookup("013900000001").known())
                    .as("T1 deleted by its tombstone")
                    .isFalse();
        }
    }
}
