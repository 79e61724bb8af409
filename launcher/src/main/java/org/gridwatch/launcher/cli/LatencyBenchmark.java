package org.gridwatch.launcher.cli;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.bench.AlertLatencyProbe;
import org.gridwatch.launcher.bench.LatencyRecorder;
import org.gridwatch.launcher.bench.LatencyReport;
import org.gridwatch.launcher.bench.SearchableProbe;
import org.gridwatch.launcher.bench.SendLog;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.SimEvent;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.stack.EmbeddedKafka;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code benchmark --latency}: all jobs running unbounded as in the demo (detections and indexer,
 * default checkpoint interval), a Shanghai-sized city fed in real time at about the requested rate,
 * and the latency from each event's production to the alert it triggers, on the alert topic and
 * searchable in Elasticsearch. The first {@link #WARM_UP} is not counted (jobs starting).
 */
final class LatencyBenchmark {
    /** Fed but not counted: the jobs' first reads, first checkpoints, JIT warm-up. */
    static final Duration WARM_UP = Duration.ofSeconds(30);

    /**
     * Simulated but not sent before the feed goes live: trucks are mid-trip, sensors mid-window, so
     * alerts come within minutes instead of after a cold start's first trips.
     */
    static final Duration HEAD_START = Duration.ofMinutes(30);

    /**
     * After the feed stops: the longest wait for the jobs to have read (and checkpointed) every
     * event sent, and then for the alerts' documents to become searchable.
     */
    static final Duration DRAIN = Duration.ofSeconds(30);

    /** The jobs' consumer group: its committed lag shows whether they keep up with the feed. */
    private static final String GROUP = "gridwatch-benchmark-latency";

    private LatencyBenchmark() {}

    static void run(StackOptions o, int minutes, double rate, PrintStream out) throws Exception {
        Path dir = o.workDir.resolve("benchmark-latency");
        try (LocalStack stack =
                LocalStack.start(
                        o, out, EvaluateCommand.freshDir(dir.resolve("kafka")), "data-benchmark")) {
            EmbeddedKafka.ensureTopics(stack.kafkaBootstrap(), stack.kafkaClient());
            try (EsQueries es = new EsQueries(stack.esUrl())) {
                es.deleteIndices("gridwatch-*");
            }
            DemoSupport.installIndexTemplates(stack.esUrl());
            LatencyLoad.Load load = LatencyLoad.forRate(rate, dir.resolve("city"), out);
            JobSettings settings =
                    JobSettings.fromArgs(
                            stack.jobArgs(
                                    "--es",
                                    stack.esUrl(),
                                    "--group-id",
                                    GROUP,
                                    "--checkpoint-interval",
                                    LocalFlink.DEFAULT_CHECKPOINT_INTERVAL.toSeconds() + "s",
                                    "--city",
                                    dir.resolve("city").toString()),
                            "gridwatch-benchmark-latency");
            out.println("Flink: starting all jobs (detections and indexer) unbounded ...");
            LocalFlink flink =
                    new LocalFlink(o.flinkPort, o.metricsPort, dir.resolve("checkpoints"));
            stack.stopOnClose(flink);
            flink.start(settings, o.parallelism);
            awaitRunning(flink);
            LatencyRecorder toTopic = new LatencyRecorder();
            LatencyRecorder toSearch = new LatencyRecorder();
            SendLog sent = new SendLog(Duration.ofMinutes(10).toMillis());
            try (EsQueries es = new EsQueries(stack.esUrl());
                    SearchableProbe searchable =
                            new SearchableProbe(es, "gridwatch-alerts", toSearch);
                    AlertLatencyProbe probe =
                            new AlertLatencyProbe(
                                    stack.kafkaBootstrap(),
                                    stack.kafkaClient(),
                                    sent,
                                    toTopic,
                                    searchable::watch)) {
                StampedSink sink =
                        new StampedSink(
                                new KafkaEventSink(stack.kafkaBootstrap(), stack.kafkaClient()),
                                sent);
                int feedMinutes = (int) HEAD_START.toMinutes() + minutes + 3;
                out.printf(
                        "Simulating the last %d min of the city without sending them ...%n",
                        HEAD_START.toMinutes());
                SimulationRunner feed =
                        SimulationRunner.start(
                                load.city(),
                                load.scenario()
                                        .withStart(Instant.now().minus(HEAD_START), feedMinutes),
                                sink,
                                1.0,
                                Long.MAX_VALUE);
                long feedStart = sink.awaitLive(feed);
                long countFrom = feedStart + WARM_UP.toMillis();
                probe.countFrom(countFrom);
                out.printf(
                        "Feeding in real time (%,d events of the head start not sent): %d s of warm-up, then %d min measured ...%n",
                        sink.skipped(), WARM_UP.toSeconds(), minutes);
                double sentPerSecond;
                try {
                    long countedFrom =
                            sleepUntil(
                                    countFrom,
                                    feed,
                                    sink,
                                    toTopic,
                                    stack.kafkaBootstrap(),
                                    stack.kafkaClient(),
                                    out);
                    long sentAtStart = sink.count();
                    long end =
                            sleepUntil(
                                    countFrom + minutes * 60_000L,
                                    feed,
                                    sink,
                                    toTopic,
                                    stack.kafkaBootstrap(),
                                    stack.kafkaClient(),
                                    out);
                    sentPerSecond = (sink.count() - sentAtStart) * 1000.0 / (end - countedFrom);
                } finally {
                    feed.close();
                }
                out.printf(
                        "Feed stopped; waiting (at most %d s) for the jobs to read it all ...%n",
                        DRAIN.toSeconds());
                awaitCaughtUp(stack.kafkaBootstrap(), stack.kafkaClient());
                searchable.awaitDrained(DRAIN.toMillis());
                LatencyReport.print(
                        out, minutes, sentPerSecond, toTopic, toSearch, probe, searchable);
            }
        }
    }

    private static void awaitRunning(LocalFlink flink) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (!flink.jobStatus().equals("RUNNING")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the jobs are not running after 3 min: " + flink.jobStatus());
            }
            Thread.sleep(500);
        }
    }

    /**
     * Waits until the jobs' committed lag on the input topics is 0, at most {@link #DRAIN}: the
     * offsets are committed at each checkpoint, after every alert of the events before them has
     * been handed to Kafka, so the alerts of every event sent are then on {@code gridwatch.alerts}
     * (those the watermark has passed; the last seconds of events wait for a watermark that a
     * stopped feed no longer moves).
     */
    private static void awaitCaughtUp(String bootstrap, KafkaClientProperties client)
            throws Exception {
        long deadline = System.currentTimeMillis() + DRAIN.toMillis();
        while (ConsumerProgress.lag(bootstrap, client, GROUP, Topics.INPUTS) > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
    }

    /** Waits until {@code wallMs}, printing progress every 30 s; returns the time it woke. */
    private static long sleepUntil(
            long wallMs,
            SimulationRunner feed,
            StampedSink sink,
            LatencyRecorder toTopic,
            String bootstrap,
            KafkaClientProperties client,
            PrintStream out)
            throws Exception {
        long lastCount = sink.count();
        long lastAt = System.currentTimeMillis();
        while (System.currentTimeMillis() < wallMs) {
            if (feed.failure() != null) {
                throw feed.failure();
            }
            Thread.sleep(Math.max(1, Math.min(30_000, wallMs - System.currentTimeMillis())));
            long now = System.currentTimeMillis();
            out.printf(
                    "  %s sent %,d (%,.0f events/s), jobs' committed lag %,d records, alerts timed so far %,d%n",
                    Instant.ofEpochMilli(now),
                    sink.count(),
                    (sink.count() - lastCount) * 1000.0 / Math.max(1, now - lastAt),
                    ConsumerProgress.lag(bootstrap, client, GROUP, Topics.INPUTS),
                    toTopic.overall().count());
            lastCount = sink.count();
            lastAt = now;
        }
        return System.currentTimeMillis();
    }

    /**
     * Produces to Kafka and notes each event's send time in the {@link SendLog}; until the feed has
     * caught up with the wall clock, drops the head start's events (not the reference data).
     */
    private static final class StampedSink implements EventSink {
        /** An event this far behind the wall clock is part of the head start. */
        private static final long BEHIND_MS = 5_000;

        private final EventSink kafka;
        private final SendLog sent;
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private volatile long liveSince;

        StampedSink(EventSink kafka, SendLog sent) {
            this.kafka = kafka;
            this.sent = sent;
        }

        @Override
        public void accept(SimEvent e) throws Exception {
            if (liveSince == 0 && !e.topic().equals(Topics.REFERENCE)) {
                long now = System.currentTimeMillis();
                if (e.eventTime() < now - BEHIND_MS) {
                    skipped.incrementAndGet();
                    return;
                }
                liveSince = now;
            }
            sent.sent(e.key(), e.eventTime(), System.currentTimeMillis());
            kafka.accept(e);
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }

        long skipped() {
            return skipped.get();
        }

        /** Waits until the head start is simulated; returns when the feed went live. */
        long awaitLive(SimulationRunner feed) throws Exception {
            while (liveSince == 0) {
                if (feed.failure() != null) {
                    throw feed.failure();
                }
                if (feed.finished()) {
                    throw new IllegalStateException("the feed ended before reaching real time");
                }
                Thread.sleep(200);
            }
            return liveSince;
        }

        @Override
        public void close() throws Exception {
            kafka.close();
        }
    }
}
