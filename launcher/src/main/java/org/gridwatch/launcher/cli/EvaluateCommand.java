package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.config.Durations;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.stack.AlertTopic;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.stack.StackStatus;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.sim.score.AlertDetections;
import org.gridwatch.sim.score.OpenAtEnd;
import org.gridwatch.sim.score.ScoreRow;
import org.gridwatch.sim.score.Scoring;
import org.gridwatch.sim.score.ShopFileCheck;
import org.gridwatch.sim.score.TruthFiles;
import org.gridwatch.sim.score.TruthRecord;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./gridwatch evaluate}: the whole quality loop, unattended, on the embedded stack: fresh
 * Kafka and empty indices, the scenario simulated as fast as possible, all jobs run over it as a
 * bounded job (which ends once every event is processed and the watermarks have passed the end),
 * the alerts scored against the truth, everything stopped.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Starts Kafka and Elasticsearch, simulates a scenario as fast as possible, runs all jobs over it",
            "until every event is processed, scores the alerts against the ground truth, and stops.",
            "Prints the score table (as 'score' does) and how long each phase took."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin StackOptions stackOptions;

    @Mixin ScenarioOptions scenarioOptions;

    @Option(
            names = "--tolerance",
            defaultValue = "120s",
            description = "Scorer time tolerance (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(
            names = "--timeout",
            defaultValue = "60m",
            description =
                    "Give up if the jobs have not finished after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--faults",
            defaultValue = "0",
            description = {
                "Inject this many faults into the detections while they run (seeded by --seed): killed task managers,",
                "restarts from the latest checkpoint and one stop-with-savepoint and start from it. The scenario is then run",
                "twice, without and with the faults, and the alerts of the two runs are compared (default: ${DEFAULT-VALUE})."
            })
    int faults;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Scenario scenario = scenarioOptions.scenario();
        Duration jobTimeout = Durations.parsePositive("--timeout", timeout, false);
        long toleranceMs = Durations.parse("--tolerance", tolerance).toMillis();
        if (faults < 0 || faults > 100) {
            throw new IllegalArgumentException("--faults must be between 0 and 100");
        }
        Path dir = stackOptions.workDir.resolve("evaluate");
        if (faults == 0) {
            run(scenario, dir, List.of(), jobTimeout, toleranceMs, out);
            return 0;
        }
        out.println("Run 1 of 2: without faults");
        Run clean =
                run(scenario, dir.resolve("fault-free"), List.of(), jobTimeout, toleranceMs, out);
        out.println();
        out.println("Run 2 of 2: with " + faults + " faults");
        Run faulty =
                run(
                        scenario,
                        dir.resolve("faults"),
                        FaultInjector.plan(faults, scenario.seed()),
                        jobTimeout,
                        toleranceMs,
                        out);
        out.println();
        RunComparison comparison = RunComparison.of(clean, faulty);
        out.println("Faults injected:       " + faulty.faultsInjected().size() + " of " + faults);
        comparison.print(out);
        return comparison.identical() ? 0 : 1;
    }

    /**
     * What one run left behind for comparison: every committed alert revision on Kafka and the
     * final Elasticsearch alert documents.
     */
    record Run(
            List<JsonNode> alertRevisions,
            List<JsonNode> alertDocuments,
            List<String> faultsInjected) {}

    private Run run(
            Scenario scenario,
            Path dir,
            List<FaultInjector.Fault> plan,
            Duration jobTimeout,
            long toleranceMs,
            PrintStream out)
            throws Exception {
        Path kafkaDir = freshDir(dir.resolve("kafka"));
        Map<String, Long> phases = new LinkedHashMap<>();
        long t = System.nanoTime();
        Run result;

        try (LocalStack stack = LocalStack.start(stackOptions, out, kafkaDir, "data-evaluate")) {
            EmbeddedKafka.ensureTopics(stack.kafkaBootstrap(), stack.kafkaClient());
            try (EsQueries es = new EsQueries(stack.esUrl())) {
                es.deleteIndices("gridwatch-*");
            }
            DemoSupport.installIndexTemplates(stack.esUrl());
            t = phase(phases, "start Kafka and Elasticsearch", t, out);

            City city = SimulationRunner.city(scenario, dir.resolve("city"), out);
            Simulation sim = new Simulation(city, scenario);
            Simulation.Stats stats;
            try (KafkaEventSink sink =
                    new KafkaEventSink(stack.kafkaBootstrap(), stack.kafkaClient())) {
                sim.sendReference(sink);
                stats = sim.run(sink);
            }
            List<TruthRecord> truth = sim.truth().records();
            TruthFiles.write(truth, dir.resolve("truth.ndjson"));
            org.gridwatch.sim.score.ShopFiles.write(
                    sim.truth().shops(), dir.resolve("shops.ndjson"));
            out.printf(
                    "Simulated '%s' seed %d, %s + %d min: %,d events %s; %,d injected violations (truth in %s)%n",
                    scenario.name(),
                    scenario.seed(),
                    sim.startInstant(),
                    scenario.durationMinutes(),
                    stats.total(),
                    stats.eventsPerTopic(),
                    truth.size(),
                    dir.resolve("truth.ndjson").toAbsolutePath());
            t = phase(phases, "simulate into Kafka", t, out);

            // Runs compared for faults checkpoint every 2 s and write alerts in transactions, as
            // production would, and read the topics unbounded: they stop by draining once
            // everything is read (a bounded Kafka source that fails over does not learn again that
            // no more splits will come, and waits). No partition is declared idle on the way: the
            // drain's end-of-time watermark did not pass an idle hotline partition, and complaints
            // of the input's last minutes stayed buffered.
            JobSettings settings =
                    JobSettings.fromArgs(
                            stack.jobArgs(
                                    "--es",
                                    stack.esUrl(),
                                    "--group-id",
                                    "gridwatch-evaluate",
                                    "--bounded",
                                    Boolean.toString(faults == 0),
                                    "--idle-timeout",
                                    faults > 0 ? "24h" : "10s",
                                    "--from",
                                    "earliest",
                                    "--checkpoint-interval",
                                    faults > 0 ? "2s" : "0",
                                    "--alerts-exactly-once",
                                    Boolean.toString(faults > 0),
                                    "--city",
                                    dir.resolve("city").toString()),
                            "gridwatch-evaluate");
            out.println(
                    "Flink: running all jobs over the scenario (web UI "
                            + "http://localhost:"
                            + stackOptions.flinkPort
                            + ") ...");
            List<String> injected = List.of();
            try (LocalFlink flink =
                    new LocalFlink(
                            stackOptions.flinkPort,
                            stackOptions.metricsPort,
                            dir.resolve("checkpoints"))) {
                flink.startDetections(settings, stackOptions.parallelism);
                if (faults > 0) {
                    long inputs = stats.total() + city.grids().size();
                    FaultInjector injector =
                            new FaultInjector(
                                    flink,
                                    stack.kafkaBootstrap(),
                                    stack.kafkaClient(),
                                    settings.groupId(),
                                    inputs,
                                    plan,
                                    out);
                    Thread faultThread = new Thread(injector, "gridwatch-faults");
                    faultThread.start();
                    faultThread.join(jobTimeout.toMillis());
                    injector.stop();
                    injected = injector.injected();
                    ConsumerProgress.awaitCaughtUp(
                            stack.kafkaBootstrap(),
                            stack.kafkaClient(),
                            settings.groupId(),
                            Topics.INPUTS,
                            jobTimeout);
                    flink.drainDetections();
                } else {
                    flink.awaitFinished(jobTimeout);
                }
                t = phase(phases, "run all detections until done", t, out);
                // The indexer's bounded run ends at the documents topic's end when it starts: after
                // the detections.
                flink.startIndexer(settings.asBounded());
                flink.awaitFinished(jobTimeout);
            }
            t = phase(phases, "index the documents", t, out);

            List<JsonNode> alerts;
            List<JsonNode> shopFiles;
            try (EsQueries es = new EsQueries(stack.esUrl());
                    StackStatus status =
                            new StackStatus(stack.kafkaBootstrap(), stack.kafkaClient(), es)) {
                alerts = es.allSources("gridwatch-alerts");
                shopFiles = es.allSources("gridwatch-shops");
                out.println(
                        "Documents per index:   " + StackStatus.format(status.documentsPerIndex()));
                out.println(
                        "Dead letters / reason: "
                                + StackStatus.format(status.deadLettersPerReason()));
                out.printf(
                        "Injected disorder:     malformed %s; duplicates %d; out-of-order %d; late %d%n",
                        stats.malformedPerKind(),
                        stats.duplicates(),
                        stats.outOfOrder(),
                        stats.late());
                out.println(
                        "Late events:           "
                                + LateEvents.compare(
                                        status.lateEventOriginals(), stats.sentLate()));
            }
            result =
                    new Run(
                            AlertTopic.readCommitted(stack.kafkaBootstrap(), stack.kafkaClient()),
                            alerts,
                            injected);
            RunComparison.write(result, dir);
            List<String> mismatches = new java.util.ArrayList<>();
            List<ScoreRow> rows =
                    Scoring.score(
                            truth,
                            AlertDetections.from(alerts),
                            sim.end(),
                            toleranceMs,
                            mismatches);
            java.nio.file.Files.write(dir.resolve("mismatches.txt"), mismatches);
            t = phase(phases, "score", t, out);
            out.println();
            out.printf(
                    "Score (%,d alert documents, %,d truth records, tolerance %d s):%n",
                    alerts.size(), truth.size(), toleranceMs / 1000);
            Scoring.print(rows, out);
            printNearMisses(sim.truth().nearMisses(), mismatches, out);
            long withOfficers =
                    alerts.stream().filter(a -> a.path("nearestOfficers").size() > 0).count();
            out.printf(
                    "Nearest officers:      %,d of %,d alert documents name on-duty officers near them%n",
                    withOfficers, alerts.size());
            ShopFileCheck.Result shops = ShopFileCheck.compare(sim.truth().shops(), shopFiles);
            out.println("Shop files:            " + shops.summary());
            mismatches.addAll(shops.mismatches());
            java.nio.file.Files.write(dir.resolve("mismatches.txt"), mismatches);
            Map<String, Integer> open = OpenAtEnd.count(alerts);
            out.printf(
                    "Open at the end:       %s; dumping alerts still open: %d (must be 0: a dumping episode closes at the end of input)%n",
                    open, open.getOrDefault("TRUCK_SUSPECTED_DUMPING", 0));
            long notScored = mismatches.stream().filter(m -> m.startsWith("not scored")).count();
            out.printf(
                    "%,d misses and false alarms, and %,d episodes the input cannot decide (not scored), listed in %s%n",
                    mismatches.size() - notScored,
                    notScored,
                    dir.resolve("mismatches.txt").toAbsolutePath());
        }
        phase(phases, "stop", t, out);
        out.println();
        out.println("Phases:");
        phases.forEach(
                (name, ms) -> out.printf(Locale.ROOT, "  %-32s %8.1f s%n", name, ms / 1000.0));
        out.printf(
                Locale.ROOT,
                "  %-32s %8.1f s%n",
                "total",
                phases.values().stream().mapToLong(Long::longValue).sum() / 1000.0);
        return result;
    }

    private static long phase(Map<String, Long> phases, String name, long since, PrintStream out) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        out.printf(Locale.ROOT, "[%s: %.1f s]%n", name, (now - since) / 1e9);
        return now;
    }

    /** The directory, emptied (evaluation and benchmark runs start from a fresh broker). */
    static Path freshDir(Path dir) throws IOException {
        deleteRecursively(dir);
        return dir;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.delete(p);
        }
    }

    /**
     * The planned near misses and the false alarms raised on their entities (a rule too eager shows
     * here first).
     */
    private static void printNearMisses(
            SortedMap<String, List<String>> nearMisses, List<String> mismatches, PrintStream out) {
        if (nearMisses.isEmpty()) {
            return;
        }
        Set<String> entities = new HashSet<>();
        nearMisses.values().forEach(entities::addAll);
        long onThem =
                mismatches.stream()
                        .filter(m -> m.startsWith("false alarm "))
                        .map(m -> m.split(" +"))
                        .filter(f -> f.length > 3 && entities.contains(f[3]))
                        .count();
        Map<String, Integer> counts = new TreeMap<>();
        nearMisses.forEach((k, v) -> counts.put(k, v.size()));
        out.printf(
                "Near misses planned:   %s (must raise nothing); false alarms on their trucks: %d%n",
                counts, onThem);
    }
}
