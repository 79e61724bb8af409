package org.gridwatch.launcher.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.gridwatch.common.kafka.KafkaClientProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether a consumer group (a Flink job's, committed at its checkpoints) has read its topics to
 * their current end.
 */
public final class ConsumerProgress {
    private ConsumerProgress() {}

    /** Records the group has not committed yet, over every partition of the topics. */
    public static long lag(String bootstrap, String group, List<String> topics) throws Exception {
        return lag(bootstrap, KafkaClientProperties.NONE, group, topics);
    }

    /**
     * As above, the admin client with the {@code --kafka-properties} file's settings (TLS, SASL).
     */
    public static long lag(
            String bootstrap, KafkaClientProperties client, String group, List<String> topics)
            throws Exception {
        Properties props = client.toProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest =
                    admin
                            .describeTopics(topics)
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .values()
                            .stream()
                            .flatMap(
                                    d ->
                                            d.partitions().stream()
                                                    .map(
                                                            p ->
                                                                    new TopicPartition(
                                                                            d.name(),
                                                                            p.partition())))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    /**
     * Waits until the group has committed everything the topics hold now; fails after {@code
     * timeout}.
     */
    public static void awaitCaughtUp(
            String bootstrap, String group, List<String> topics, Duration timeout)
            throws Exception {
        awaitCaughtUp(bootstrap, KafkaClientProperties.NONE, group, topics, timeout);
    }

    /** As above, over a Kafka that needs the {@code --kafka-properties} file's settings. */
    public static void awaitCaughtUp(
            String bootstrap,
            KafkaClientProperties client,
            String group,
            List<String> topics,
            Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = -1;
        while (System.nanoTime() < deadline) {
            lag = lag(bootstrap, client, group, topics);
            if (lag == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "consumer group "
                        + group
                        + " still "
                        + lag
                        + " records behind on "
                        + topics
                        + " after "
                        + timeout);
    }
}
