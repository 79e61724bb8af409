package org.gridwatch.common.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.ReferenceParser;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows {@code gridwatch.reference} outside Flink (the JT/T 808 gateway's truck directory): a
 * daemon thread reads on from where a {@link ReferenceSnapshot} ended and hands every usable update
 * to a callback, in topic order. A tombstone (null value under a {@code KIND:id} key) arrives as a
 * DELETE. Records the jobs would refuse are counted, not passed on (the jobs dead-letter them).
 */
public final class ReferenceFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceFollower.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;
    private final CountDownLatch stop = new CountDownLatch(1);

    private ReferenceFollower(KafkaConsumer<byte[], byte[]> consumer, Runnable loop) {
        this.consumer = consumer;
        this.thread = new Thread(loop, "gridwatch-reference-follower");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following {@code topic} from {@code from}'s end offsets (partitions it does not know:
     * from their beginning), reading local times in the snapshot city's zone.
     */
    public static ReferenceFollower start(
            String bootstrap,
            KafkaClientProperties client,
            String topic,
            ReferenceSnapshot from,
            ParseLimits limits,
            Consumer<ReferenceUpdate> apply) {
        Properties p = ReferenceBootstrap.properties(bootstrap, client, Duration.ofMinutes(1));
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "gridwatch-reference-follower");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        ReferenceParser parser =
                from.city() == null
                        ? new ReferenceParser(limits)
                        : new ReferenceParser(limits, from.city().bounds(), from.city().zone());
        ReferenceFollower[] self = new ReferenceFollower[1];
        self[0] = new ReferenceFollower(consumer, () -> self[0].follow(topic, from, parser, apply));
        self[0].thread.start();
        return self[0];
    }

    private void follow(
            String topic,
            ReferenceSnapshot from,
            ReferenceParser parser,
            Consumer<ReferenceUpdate> apply) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofMinutes(1));
            while (running && (infos == null || infos.isEmpty())) {
                // The topic is created by the first publisher (city publish, the stack): look again
                // until then.
                if (stop.await(5, TimeUnit.SECONDS)) {
                    return;
                }
                infos = consumer.partitionsFor(topic, Duration.ofMinutes(1));
            }
            List<TopicPartition> partitions =
                    infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                Long offset = from.endOffsets().get(tp.partition());
                if (offset == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, offset);
                }
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    ReferenceUpdate u = decode(r, parser);
                    if (u == null) {
                        refused.incrementAndGet();
                    } else {
                        apply.accept(u);
                        applied.incrementAndGet();
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Stopped following {}: {}", topic, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static ReferenceUpdate decode(
            ConsumerRecord<byte[], byte[]> r, ReferenceParser parser) {
        if (r.value() == null) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            int colon = key.indexOf(':');
            return colon <= 0
                    ? null
                    : new ReferenceUpdate(
                            key.substring(0, colon),
                            key.substring(colon + 1),
                            "DELETE",
                            r.timestamp(),
                            null);
        }
        try {
            return parser.parse(r.value());
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** Updates handed to the callback so far. */
    public long applied() {
        return applied.get();
    }

    /**
     * Records not passed on: refused by the parser, or tombstones without a {@code KIND:id} key.
     */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        stop.countDown();
        consumer.wakeup();
        thread.join(10_000);
    }
}
