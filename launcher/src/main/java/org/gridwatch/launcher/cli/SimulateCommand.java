package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.sim.output.NdjsonEventSink;
import org.gridwatch.sim.output.PacedSink;
import org.gridwatch.sim.score.TruthFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code ./gridwatch simulate}: the simulated city's feeds into Kafka or NDJSON files, with the
 * ground truth.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a scenario's city (reference files), then its GPS, hotline and IoT feeds into Kafka",
            "(or NDJSON files with --out), and writes the ground truth of every injected violation."
        })
public final class SimulateCommand implements Callable<Integer> {
    @Mixin ScenarioOptions scenarioOptions;

    @Option(
            names = "--speed",
            defaultValue = "max",
            description =
                    "'max' (as fast as possible) or N times real time (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(
            names = "--kafka",
            defaultValue = "localhost:9092",
            paramLabel = "HOST:PORT",
            description =
                    "Kafka to produce into, unless --out is given (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Mixin KafkaClientOption kafkaClient = new KafkaClientOption();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write <topic>.ndjson files here instead of producing to Kafka.")
    Path out;

    @Option(
            names = "--work-dir",
            defaultValue = ".gridwatch/simulate",
            description =
                    "Where the city files and truth.ndjson go (default: ${DEFAULT-VALUE}; with --out, that directory).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        double pace = Speeds.parse(speed);
        KafkaClientProperties client =
                out != null ? KafkaClientProperties.NONE : kafkaClient.properties();
        Scenario scenario = scenarioOptions.scenario();
        Path dir = out != null ? out : workDir;
        City city = SimulationRunner.city(scenario, dir.resolve("city"), console);
        Simulation sim = new Simulation(city, scenario);
        console.printf(
                "Simulating '%s' (seed %d) from %s for %d min, %s, into %s%n",
                scenario.name(),
                scenario.seed(),
                sim.startInstant(),
                scenario.durationMinutes(),
                Speeds.describe(pace),
                out != null ? out.toAbsolutePath() : "Kafka " + kafka);
        long t0 = System.nanoTime();
        Simulation.Stats stats;
        try (EventSink sink =
                out != null ? new NdjsonEventSink(out) : new KafkaEventSink(kafka, client)) {
            sim.sendReference(sink);
            stats = sim.run(pace > 0 ? new PacedSink(sink, pace) : sink);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path truthFile = dir.resolve("truth.ndjson");
        TruthFiles.write(sim.truth().records(), truthFile);
        org.gridwatch.sim.score.ShopFiles.write(sim.truth().shops(), dir.resolve("shops.ndjson"));
        ScoreCommand.writeWindow(truthFile, sim.startInstant(), Instant.ofEpochMilli(sim.end()));
        console.printf(
                "Produced %,d events in %.1f s (%,.0f events/s): %s%n",
                stats.total(), seconds, stats.total() / seconds, stats.eventsPerTopic());
        console.printf(
                "Injected disorder: malformed %s, duplicates %d, out-of-order %d, late %d%n",
                stats.malformedPerKind(), stats.duplicates(), stats.outOfOrder(), stats.late());
        console.printf(
                "Ground truth: %,d violations in %s%n",
                sim.truth().records().size(), truthFile.toAbsolutePath());
        return 0;
    }
}
