package org.gridwatch.launcher.security;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.kafka.KafkaIO;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Position;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.JobRuntime;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.ProductionOutputs;
import org.gridwatch.launcher.testing.KafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: 100,000 records across the four input topics, hostile ones (broken and deeply nested
 * JSON, wrong types, NaN and 1e309, out-of-range and (0, 0) positions, far-future and far-past
 * times, 1 MB strings, invalid UTF-8 and UTF-16, duplicate keys, control characters in ids, invalid
 * reference geometry, unknown kinds, absurd rules) among valid events (a quarter of the complaints
 * with HTML in their text, which is free text and kept). All jobs in one ({@link GridWatchJob}, the
 * production wiring) read them from the real embedded Kafka, bounded, with restarts off, so a
 * single failure fails the run: the job must finish by itself, every hostile record must be on the
 * dead-letter topic with its expected reason at its exact topic, partition and offset, no valid
 * event may be there, every officer of the valid pings must have a position, and the heap after GC
 * must be about where it was.
 *
 * <p>The input topics are this run's own (the shared ones hold other tests' events, whose times
 * would make these late and the other way round). No sleeps: the job's end and the dead-letter
 * count are the conditions waited on.
 */
@ExtendWith(KafkaExtension.class)
class HostileInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final int TOTAL = 100_000;

    /**
     * Heap growth after GC tolerated across the run: far below what keeping the input (over 150 MB)
     * would cost.
     */
    static final long HEAP_GROWTH_BOUND = 96L << 20;

    /**
     * Officers seen in a position, across the job's parallel instances (same JVM: the mini
     * cluster).
     */
    static final Set<String> POSITIONS = ConcurrentHashMap.newKeySet();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HostileRecords records = new HostileRecords(run);

    private String topic(String kind) {
        return "hostile-" + run + "." + kind;
    }

    /** Where a record landed: topic, partition, offset (the dead letter names the same three). */
    record At(String topic, int partition, long offset) {}

    @Test
    void everyHostileRecordIsDeadLetteredWithItsReasonWhileValidEventsFlow() throws Exception {
        Map<String, Integer> partitions = Map.of("gps", 2, "hotline", 2, "iot", 2, "reference", 1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaExtension.bootstrap()))) {
            List<NewTopic> topics = new ArrayList<>();
            partitions.forEach((kind, n) -> topics.add(new NewTopic(topic(kind), n, (short) 1)));
            org.gridwatch.stack.EmbeddedKafka.createTopics(admin, topics);
        }
        long heapBefore = heapAfterGc();
        long start = System.nanoTime();

        Map<At, String> expected = new HashMap<>();
        Set<String> officers = new java.util.HashSet<>();
        Map<String, Integer> validPerTopic = new TreeMap<>();
        Map<String, Integer> hostilePerTopic = new TreeMap<>();
        produce(expected, officers, validPerTopic, hostilePerTopic);
        long produced = System.nanoTime();

        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {
                            "--kafka",
                            KafkaExtension.bootstrap(),
                            "--group-id",
                            "hostile-" + run,
                            "--bounded",
                            "true",
                            "--checkpoint-interval",
                            "0"
                        },
                        "hostile");
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
        env.setParallelism(2);
        JobRuntime.configure(env, settings, "hostile");
        Inputs inputs =
                new Inputs(
                        KafkaIO.rawSource(settings, topic("gps")),
                        KafkaIO.rawSource(settings, topic("hotline")),
                        KafkaIO.rawSource(settings, topic("iot")),
                        KafkaIO.rawSource(settings, topic("reference")));
        Outputs production = ProductionOutputs.create(settings, "hostile-" + run);
        String prefix = run + "-";
        Outputs outputs =
                new Outputs(
                        positions ->
                                positions
                                        .map(
                                                (MapFunction<Position, Position>)
                                                        p -> {
                                                            if (p.entityId().startsWith(prefix)) {
                                                                POSITIONS.add(p.entityId());
                                                            }
                                                            return p;
                                                        })
                                        .sinkTo(new DiscardingSink<>()),
                        production.alerts(),
                        production.documents(),
                        production.deadLetters());
        GridWatchJob.defineWorkflow(env, inputs, outputs, settings);
        // Restarts are off: any failure of any operator ends here as an exception, so returning
        // means none.
        env.execute("hostile-" + run);
        long ran = System.nanoTime();

        Map<At, String[]> deadLetters = readDeadLetters(expected.size());
        long read = System.nanoTime();
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (var e : expected.entrySet()) {
            String[] dl = deadLetters.get(e.getKey());
            String got = dl == null ? "nothing" : dl[0];
            reasons.merge(e.getValue(), 1, Integer::sum);
            if (!e.getValue().equals(got)) {
                wrong.add(
                        e.getKey()
                                + ": expected "
                                + e.getValue()
                                + ", got "
                                + got
                                + (dl == null ? "" : " (" + dl[1] + ")"));
            } else if (dl[1].isBlank()) {
                wrong.add(e.getKey() + ": no reason given");
            }
        }
        assertThat(wrong)
                .as(
                        "hostile records without their dead letter (%d of %d)",
                        wrong.size(), expected.size())
                .isEmpty();
        List<At> validDeadLettered =
                deadLetters.keySet().stream().filter(at -> !expected.containsKey(at)).toList();
        assertThat(validDeadLettered).as("valid events dead-lettered").isEmpty();
        assertThat(POSITIONS)
                .as("officers of the valid pings with a position")
                .containsExactlyInAnyOrderElementsOf(officers);
        int deadLettersRead = deadLetters.size();
        deadLetters = null; // measured below without what this test itself holds
        POSITIONS.clear();

        long heapAfter = heapAfterGc();
        System.out.printf(
                "HostileInputITCase: %d records (valid %s, hostile %s); %d dead letters, by reason %s;"
                        + " produce %d ms, job %d ms, read dead letters %d ms; heap after GC %d MB before, %d MB after%n",
                TOTAL,
                validPerTopic,
                hostilePerTopic,
                deadLettersRead,
                reasons,
                (produced - start) / 1_000_000,
                (ran - produced) / 1_000_000,
                (read - ran) / 1_000_000,
                heapBefore >> 20,
                heapAfter >> 20);
        assertThat(heapAfter - heapBefore)
                .as("heap growth after GC, bytes")
                .isLessThan(HEAP_GROWTH_BOUND);
    }

    /** 100,000 records; valid events in growing event time, every third-to-fifth record hostile. */
    private void produce(
            Map<At, String> expected,
            Set<String> officers,
            Map<String, Integer> validPerTopic,
            Map<String, Integer> hostilePerTopic)
            throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaExtension.bootstrap());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        p.put("max.request.size", String.valueOf(2 << 20));
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(512 << 10));
        p.put("compression.type", "lz4");
        // The producer's job here is to deliver, however slow the machine: at load 30 on two cores
        // a batch of 1 MB records waited past the default 2 minutes and the test failed on its own
        // set-up (CI, issue 13).
        p.put("delivery.timeout.ms", String.valueOf(10 * 60_000));
        Map<String, Integer> hostileN = new HashMap<>();
        List<Map.Entry<Future<RecordMetadata>, String>> pending = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < TOTAL; i++) {
                long t = HostileRecords.T0 + i * 100L;
                // gps 70 %, iot 15 %, hotline 10 %, reference 5 %
                int slot = i % 20;
                String kind =
                        slot < 14 ? "gps" : slot < 17 ? "iot" : slot < 19 ? "hotline" : "reference";
                boolean hostile = i / 20 % 5 < 2; // 40 % of every topic's records
                byte[] value;
                String reason = null;
                if (hostile) {
                    int n = hostileN.merge(kind, 1, Integer::sum) - 1;
                    HostileRecords.Planned h = records.hostile(kind, kind, n, t);
                    value = h.value();
                    reason = h.reason();
                    hostilePerTopic.merge(kind, 1, Integer::sum);
                } else {
                    String v =
                            switch (kind) {
                                case "gps" -> records.ping(i, t);
                                case "iot" -> records.noise(i, t);
                                case "hotline" -> records.complaint(i, t);
                                default -> records.reference(i, t);
                            };
                    if (kind.equals("gps")) {
                        officers.add(records.officerOf(i));
                    }
                    value = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    validPerTopic.merge(kind, 1, Integer::sum);
                }
                // No key: the sticky partitioner spreads them, and each partition still gets them
                // in event-time order.
                pending.add(
                        Map.entry(
                                producer.send(
                                        new ProducerRecord<>(topic(kind), null, t, null, value)),
                                reason == null ? "" : reason));
                if (pending.size() >= 5_000) {
                    collect(pending, expected, producer);
                }
            }
            collect(pending, expected, producer);
        }
    }

    private void collect(
            List<Map.Entry<Future<RecordMetadata>, String>> pending,
            Map<At, String> expected,
            KafkaProducer<byte[], byte[]> producer)
            throws Exception {
        for (var e : pending) {
            RecordMetadata m;
            try {
                m = e.getKey().get();
            } catch (ExecutionException failed) {
                throw new AssertionError(
                        "the test's own producer could not deliver: " + deliveryState(producer),
                        failed);
            }
            if (!e.getValue().isEmpty()) {
                expected.put(new At(m.topic(), m.partition(), m.offset()), e.getValue());
            }
        }
        pending.clear();
    }

    /**
     * What the broker and the producer say when a batch could not be delivered (twice in CI runs
     * under load, a single partition's batch waited out the 10-minute delivery timeout while the
     * others were delivered; the cause is not known yet): each partition's leader and in-sync
     * replicas, and the producer's retry, split, error and in-flight counts.
     */
    private String deliveryState(KafkaProducer<byte[], byte[]> producer) {
        StringBuilder b = new StringBuilder();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaExtension.bootstrap()))) {
            List<String> names =
                    List.of(topic("gps"), topic("hotline"), topic("iot"), topic("reference"));
            admin.describeTopics(names)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(
                            (name, d) ->
                                    d.partitions()
                                            .forEach(
                                                    pi ->
                                                            b.append(
                                                                    String.format(
                                                                            "%s-%d leader %s isr %s; ",
                                                                            name,
                                                                            pi.partition(),
                                                                            pi.leader(),
                                                                            pi.isr()))));
        } catch (Exception e) {
            b.append("topics not described: ").append(e).append("; ");
        }
        producer.metrics()
                .forEach(
                        (name, metric) -> {
                            String n = name.name();
                            if (name.group().equals("producer-metrics")
                                    && (n.contains("retry")
                                            || n.contains("split")
                                            || n.contains("error")
                                            || n.contains("in-flight")
                                            || n.equals("connection-count"))) {
                                b.append(n).append('=').append(metric.metricValue()).append(' ');
                            }
                        });
        return b.toString();
    }

    /** Reason code and reason of each dead letter of this run's topics, by where its record was. */
    private Map<At, String[]> readDeadLetters(int atLeast) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaExtension.bootstrap());
        p.put("group.id", "hostile-dl-" + run);
        p.put("auto.offset.reset", "earliest");
        p.put("max.partition.fetch.bytes", String.valueOf(4 << 20));
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<At, String[]> out = new HashMap<>();
        String mine = "hostile-" + run + ".";
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // The job has finished and its sink flushed: everything is already in the topic; the
            // deadline only bounds a failure. Read on to the end so that extra dead letters (valid
            // events) are seen too.
            Map<org.apache.kafka.common.TopicPartition, Long> end = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    JsonNode dl = Json.MAPPER.readTree(r.value());
                    String source = dl.path("sourceTopic").asText();
                    if (source.startsWith(mine)) {
                        String[] previous =
                                out.put(
                                        new At(
                                                source,
                                                dl.path("partition").asInt(),
                                                dl.path("offset").asLong()),
                                        new String[] {
                                            dl.path("reasonCode").asText(),
                                            dl.path("reason").asText()
                                        });
                        assertThat(previous).as("one dead letter per record").isNull();
                    }
                }
                if (end == null && !c.assignment().isEmpty()) {
                    end = c.endOffsets(c.assignment());
                }
                if (end != null
                        && out.size() >= atLeast
                        && end.entrySet().stream()
                                .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
        }
        return out;
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // GC until the used heap stops shrinking (a System.gc() may leave some for the next cycle).
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - (1 << 20)) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
