package org.gridwatch.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gridwatch.common.city.City;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.launcher.stack.EmbeddedKafka;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./gridwatch benchmark}: end-to-end throughput of all jobs from a preloaded Kafka topic to
 * Elasticsearch and the alert topic. The numbers are printed; nothing is asserted.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {
            "Preloads a fresh Kafka with a simulated scenario, then runs all jobs over it as a bounded job",
            "and prints events per second: producing, and end to end through the jobs into Elasticsearch."
        })
public final class BenchmarkCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @Option(names = "--scenario", defaultValue = "default", description = "Scenario to load (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(names = "--minutes", defaultValue = "360", description = "Simulated minutes to preload (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Scenario scenario = ScenarioOptions.scenario(scenarioName, null, minutes);
        Path dir = stackOptions.workDir.resolve("benchmark");
        try (LocalStack stack = LocalStack.start(stackOptions, out, EvaluateCommand.freshDir(dir.resolve("kafka")), "data-benchmark")) {
            EmbeddedKafka.ensureTopics(stack.kafkaBootstrap(), stack.kafkaClient());
            try (EsQueries es = new EsQueries(stack.esUrl())) {
                es.deleteIndices("gridwatch-*");
            }
            DemoSupport.installIndexTemplates(stack.esUrl());
            City city = SimulationRunner.city(scenario, dir.resolve("city"), out);
            Simulation sim = new Simulation(city, scenario);
            long t0 = System.nanoTime();
            Simulation.Stats stats;
            try (KafkaEventSink sink = new KafkaEventSink(stack.kafkaBootstrap(), stack.kafkaClient())) {
                sim.sendReference(sink);
                stats = sim.run(sink);
            }
            double produceS = (System.nanoTime() - t0) / 1e9;
            JobSettings settings = JobSettings.fromArgs(stack.jobArgs(
                "--es", stack.esUrl(), "--group-id", "gridwatch-benchmark", "--bounded", "true",
                "--checkpoint-interval", "0", "--city", dir.resolve("city").toString()), "gridwatch-benchmark");
            long t1 = System.nanoTime();
            try (LocalFlink flink = new LocalFlink(stackOptions.flinkPort, stackOptions.metricsPort, dir.resolve("checkpoints"))) {
                flink.startDetections(settings, stackOptions.parallelism);
                flink.awaitFinished(java.time.Duration.ofHours(2));
            }
            // The detections alone: the indexer (documents into Elasticsearch) is a job apart.
            double jobS = (System.nanoTime() - t1) / 1e9;
            long n = stats.total();
            out.println();
            out.printf(Locale.ROOT, "events                 %,d (%s, %d simulated minutes, %d cores, parallelism %d)%n", n, scenario.name(), minutes,
                    Runtime.getRuntime().availableProcessors(), stackOptions.parallelism);
            out.printf(Locale.ROOT, "simulate + produce     %.1f s  %,.0f events/s%n", produceS, n / produceS);
            out.printf(Locale.ROOT, "all jobs, end to end   %.1f s  %,.0f events/s (job start-up included)%n", jobS, n / jobS);
        }
        return 0;
    }
}
