package org.gridwatch.launcher.cli;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.stack.StackStatus;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./gridwatch demo}: a real Kafka, a real Elasticsearch, all jobs on an embedded Flink
 * cluster, and the simulated city feeding them, with a live status line.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a real Kafka broker, a real Elasticsearch, all GridWatch jobs on an embedded Flink cluster",
            "(web UI), and feeds them a simulated city. Ctrl-C stops everything."
        })
public final class DemoCommand implements Callable<Integer> {

    @Mixin StackOptions stackOptions;

    @Mixin IntakeOptions intakeOptions;

    @Option(
            names = "--minutes",
            defaultValue = "0",
            description =
                    "Stop by itself after this many minutes and print a summary; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
            names = "--speed",
            defaultValue = "60",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--backfill-hours",
            defaultValue = "4",
            description = {
                "Simulated hours before 20:00 yesterday fed at once as a backlog, so the console opens on a city with",
                "a history of alerts and heatmaps; from 20:00 on the feeds go at --speed (default: ${DEFAULT-VALUE})."
            })
    int backfillHours;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the simulated city and its events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (minutes < 0) {
            throw new IllegalArgumentException("--minutes must be 0 or more");
        }
        if (!(speed > 0) || speed > 10_000) {
            throw new IllegalArgumentException("--speed must be above 0 and at most 10000");
        }
        if (backfillHours < 0 || backfillHours > 24) {
            throw new IllegalArgumentException("--backfill-hours must be between 0 and 24");
        }
        PrintStream out = System.out;
        long t0 = System.currentTimeMillis();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: ask the main thread to wind down, and keep the JVM alive until it has.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.countDown();
                                    try {
                                        finished.await(90, TimeUnit.SECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                },
                                "gridwatch-demo-stop"));
        try {
            return run(out, t0, stop);
        } finally {
            finished.countDown();
        }
    }

    private int run(PrintStream out, long t0, CountDownLatch stop) throws Exception {
        try (LocalStack stack = LocalStack.start(stackOptions, out)) {
            EmbeddedKafka.ensureTopics(stack.kafkaBootstrap(), stack.kafkaClient());
            if (stack.embedded()) {
                // The embedded broker starts empty and the simulated city replays the same day:
                // documents (and operator actions) of an earlier demo would sit beside the new ones
                // under the same ids.
                try (EsQueries es = new EsQueries(stack.esUrl())) {
                    es.deleteIndices("gridwatch-*");
                }
            }
            DemoSupport.installIndexTemplates(stack.esUrl());
            var scenario = DemoSupport.scenario(seed, backfillHours);
            Path cityDir = stackOptions.workDir.resolve("city");
            var city = SimulationRunner.city(scenario, cityDir, out);
            JobSettings settings =
                    JobSettings.fromArgs(
                            stack.jobArgs(
                                    "--es",
                                    stack.esUrl(),
                                    "--group-id",
                                    "gridwatch-demo",
                                    "--checkpoint-interval",
                                    "10s",
                                    "--city",
                                    cityDir.toString()),
                            "gridwatch-demo");
            out.println("Flink: starting all jobs on an embedded cluster ...");
            LocalFlink flink =
                    new LocalFlink(
                            stackOptions.flinkPort,
                            stackOptions.metricsPort,
                            stackOptions.workDir.resolve("checkpoints"));
            stack.stopOnClose(flink);
            flink.start(settings, stackOptions.parallelism);
            org.gridwatch.console.ConsoleServer console =
                    new org.gridwatch.console.ConsoleServer(
                            org.gridwatch.console.ConsoleConfig.local(
                                            stack.esUrl(), stack.kafkaBootstrap(), cityDir)
                                    .withKafkaClient(stack.kafkaClient())
                                    .withPort(stackOptions.consolePort));
            stack.stopOnClose(console);
            console.start();
            var gateway = LocalGateway.start(stackOptions, city, stack, out);
            var intake = LocalIntake.start(intakeOptions, city, stack);
            SimulationRunner simulation =
                    DemoSupport.startSimulation(
                            stack.kafkaBootstrap(),
                            stack.kafkaClient(),
                            city,
                            scenario,
                            speed,
                            out);
            stack.stopOnClose(simulation);
            long startedMs = System.currentTimeMillis() - t0;
            out.println();
            out.println("GridWatch demo is running (started in " + startedMs / 1000 + " s):");
            out.println("  Flink web UI     " + flink.uiUrl());
            out.println("  Elasticsearch    " + stack.esUrl() + "   (indices gridwatch-*)");
            out.println("  Kafka bootstrap  " + stack.kafkaBootstrap() + "   (topics gridwatch.*)");
            out.println(
                    "  Console          "
                            + console.url()
                            + "   (live map, alert feed, heatmaps; push page at /push.html)");
            out.println(
                    "  Job metrics      http://localhost:" + stackOptions.metricsPort + "/metrics");
            if (gateway != null) {
                out.println(
                        "  JT/T 808 gateway tcp://localhost:"
                                + gateway.port()
                                + "   (truck terminals; positions to gridwatch.gps)");
            }
            if (intake != null) {
                intake.describe(out);
            }
            out.println(
                    "  Logs             " + stackOptions.workDir.resolve("logs").toAbsolutePath());
            out.println(
                    minutes > 0
                            ? "Stops by itself after " + minutes + " min; Ctrl-C stops earlier."
                            : "Ctrl-C stops everything.");
            out.println();
            boolean uiAnswered;
            try (EsQueries es = new EsQueries(stack.esUrl());
                    StackStatus status =
                            new StackStatus(stack.kafkaBootstrap(), stack.kafkaClient(), es)) {
                uiAnswered = StatusLine.loop(out, stack, flink, es, status, stop, minutes);
                simulation.close();
                out.println();
                out.println("Stopping: letting the jobs write what they have ...");
                Thread.sleep(Math.min(15_000, 2_000 + settings.checkpointInterval().toMillis()));
                StatusLine.summary(out, status, uiAnswered, flink);
                out.println("  Injected by simulator:  " + injected(simulation));
            }
        }
        out.println("Everything stopped.");
        return 0;
    }

    private static String injected(SimulationRunner sim) {
        var s = sim.stats();
        if (s == null) {
            return "unknown";
        }
        return "malformed "
                + StackStatus.format(s.malformedPerKind())
                + "; duplicates "
                + s.duplicates()
                + "; out-of-order "
                + s.outOfOrder()
                + "; late "
                + s.late()
                + " (each malformed record is one dead letter: bad_json, wrong_type or missing_field)";
    }
}
