package org.gridwatch.launcher.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Whether a consumer group (a Flink job's, committed at its checkpoints) has read its topics to their current end. */
public final class ConsumerProgress {
    private ConsumerProgress() {}

    /** Records the group has not committed yet, over every partition of the topics. */
    public static long lag(String bootstrap, String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    /** Waits until the group has committed everything the topics hold now; fails after {@code timeout}. */
    public static void awaitCaughtUp(String bootstrap, String group, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = -1;
        while (System.nanoTime() < deadline) {
            lag = lag(bootstrap, group, topics);
            if (lag == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("consumer group " + group + " still " + lag + " records behind on " + topics + " after " + timeout);
    }
}
