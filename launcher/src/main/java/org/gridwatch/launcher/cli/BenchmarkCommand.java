package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.launcher.bench.BenchmarkReport;
import org.gridwatch.launcher.bench.ConsumeParseFloor;
import org.gridwatch.launcher.bench.FlinkJobSampler;
import org.gridwatch.launcher.bench.HeapPerHour;
import org.gridwatch.launcher.bench.OperatorLoad;
import org.gridwatch.launcher.bench.ThroughputSeries;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./gridwatch benchmark}: end-to-end throughput of all jobs from a preloaded Kafka topic to
 * Elasticsearch and the alert topic. The numbers are printed; nothing is asserted.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = {
            "Preloads a fresh Kafka with a simulated scenario, then runs all jobs over it as a bounded job",
            "and prints events per second: producing, the consume+parse floor (one thread, no Flink) on the GPS topic,",
            "and end to end through the jobs, with start-up apart, and each task's busy and back-pressured share.",
            "--latency instead runs all jobs unbounded, feeds a Shanghai-sized city in real time at --rate and prints",
            "the latency from an event's production to its alert on gridwatch.alerts and in Elasticsearch."
        })
public final class BenchmarkCommand implements Callable<Integer> {
    @Mixin StackOptions stackOptions;

    @Option(
            names = "--scenario",
            defaultValue = "default",
            description = "Scenario to load (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(
            names = "--minutes",
            defaultValue = "360",
            description = "Simulated minutes to preload (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
            names = "--job",
            paramLabel = "NAME",
            description =
                    "Benchmark one detection family alone (positions, cases, coverage, noise, stalls, trucks, shops); default: all.")
    String job;

    @Option(
            names = "--latency",
            description = {
                "Measure latency instead of throughput: all jobs unbounded (as in the demo), the city fed in real time",
                "at --rate, p50/p95/p99/max from an event's production to the alert it triggers (docs/performance.md)."
            })
    boolean latency;

    @Option(
            names = "--latency-minutes",
            defaultValue = "3",
            description =
                    "With --latency: minutes measured, after a 30 s warm-up (default: ${DEFAULT-VALUE}).")
    int latencyMinutes;

    @Option(
            names = "--rate",
            defaultValue = "3000",
            description =
                    "With --latency: events per second fed, the simulator's mix of GPS, hotline and IoT; 3000 is a Shanghai-sized load (default: ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (latency) {
            if (latencyMinutes < 1) {
                throw new IllegalArgumentException(
                        "--latency-minutes must be 1 or more, got " + latencyMinutes);
            }
            if (!(rate > 0) || rate > 100_000) {
                throw new IllegalArgumentException(
                        "--rate must be above 0 and at most 100000 events/s, got " + rate);
            }
            if (job != null) {
                throw new IllegalArgumentException(
                        "--job is for the throughput benchmark, not --latency");
            }
            LatencyBenchmark.run(stackOptions, latencyMinutes, rate, out);
            return 0;
        }
        List<Detection> detections = detections(job);
        Scenario scenario = ScenarioOptions.scenario(scenarioName, null, minutes);
        Path dir = stackOptions.workDir.resolve("benchmark");
        try (LocalStack stack =
                LocalStack.start(
                        stackOptions,
                        out,
                        EvaluateCommand.freshDir(dir.resolve("kafka")),
                        "data-benchmark")) {
            EmbeddedKafka.ensureTopics(stack.kafkaBootstrap(), stack.kafkaClient());
            try (EsQueries es = new EsQueries(stack.esUrl())) {
                es.deleteIndices("gridwatch-*");
            }
            DemoSupport.installIndexTemplates(stack.esUrl());
            City city = SimulationRunner.city(scenario, dir.resolve("city"), out);
            Simulation sim = new Simulation(city, scenario);
            long t0 = System.nanoTime();
            Simulation.Stats stats;
            try (KafkaEventSink sink =
                    new KafkaEventSink(stack.kafkaBootstrap(), stack.kafkaClient())) {
                sim.sendReference(sink);
                stats = sim.run(sink);
            }
            double produceS = (System.nanoTime() - t0) / 1e9;
            JobSettings settings =
                    JobSettings.fromArgs(
                            stack.jobArgs(
                                    "--es",
                                    stack.esUrl(),
                                    "--group-id",
                                    "gridwatch-benchmark",
                                    "--bounded",
                                    "true",
                                    "--checkpoint-interval",
                                    "0",
                                    "--city",
                                    dir.resolve("city").toString()),
                            "gridwatch-benchmark");
            ConsumeParseFloor.Result floor =
                    ConsumeParseFloor.measure(
                            stack.kafkaBootstrap(),
                            stack.kafkaClient(),
                            Topics.GPS,
                            new GpsParser(settings.parseLimits(), settings.cityZone()));
            long t1 = System.nanoTime();
            ThroughputSeries read;
            OperatorLoad load;
            HeapPerHour heap;
            try (LocalFlink flink =
                    new LocalFlink(
                            stackOptions.flinkPort,
                            stackOptions.metricsPort,
                            dir.resolve("checkpoints"))) {
                flink.startDetections(settings, stackOptions.parallelism, detections);
                try (FlinkJobSampler sampler =
                        FlinkJobSampler.start(flink.uiUrl(), flink.detectionsJobId())) {
                    flink.awaitFinished(Duration.ofHours(2));
                    sampler.close();
                    read = sampler.sourceRecords();
                    load = sampler.steadyLoad();
                    heap = sampler.heapPerHour();
                }
            }
            // The detections alone: the indexer (documents into Elasticsearch) is a job apart.
            double jobS = (System.nanoTime() - t1) / 1e9;
            long n =
                    detections.size() == GridWatchJob.DETECTIONS.size()
                            ? stats.total()
                            : read.finalCount();
            BenchmarkReport.print(
                    out,
                    new BenchmarkReport.Run(
                            scenario.name(),
                            minutes,
                            stackOptions.parallelism,
                            job == null ? "all jobs" : job,
                            n,
                            produceS,
                            floor,
                            t1,
                            jobS,
                            read,
                            load));
            heap.print(out, settings.cityZone());
        }
        return 0;
    }

    /** Every detection, or the one named (an unknown name fails with the list of known ones). */
    static List<Detection> detections(String name) {
        if (name == null) {
            return GridWatchJob.DETECTIONS;
        }
        return GridWatchJob.DETECTIONS.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .map(List::of)
                .orElseThrow(
                        () ->
                                new CommandLine.ParameterException(
                                        new CommandLine(new BenchmarkCommand()),
                                        "--job "
                                                + name
                                                + " is not a detection; one of "
                                                + GridWatchJob.DETECTIONS.stream()
                                                        .map(Detection::name)
                                                        .toList()));
    }
}
