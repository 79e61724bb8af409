package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.console.ConsoleConfig;
import org.gridwatch.console.ConsoleServer;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.launcher.stack.LocalFlink;
import org.gridwatch.launcher.stack.StackStatus;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./gridwatch run --city DIR}: GridWatch for real on one machine, on a city of the user's
 * own and whatever arrives on the input topics (replayed recordings, the city's own producers). No
 * simulator. The embedded Kafka keeps its topics between runs; the jobs keep their state: a run
 * resumes from the newest checkpoint or savepoint of the last one, and Ctrl-C stops the detections
 * with a savepoint.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs GridWatch on your own city: Kafka and Elasticsearch (embedded, or --kafka / --es), the detections,",
            "the indexer and the console, over whatever arrives on the input topics. Resumes where the last run",
            "stopped (state and offsets); Ctrl-C stops with a savepoint. --bounded processes what the topics hold and stops."
        })
public final class RunCommand implements Callable<Integer> {
    private static final String GROUP = "gridwatch-run";

    /** The embedded Elasticsearch's data of `run`, apart from the demo's and the evaluations'. */
    static final String ES_DATA = "data-run";

    @Mixin StackOptions stackOptions;

    @Mixin IntakeOptions intakeOptions;

    @Option(
            names = "--city",
            required = true,
            description = "The city directory (city.json, grids.geojson, ...; see `city check`).")
    Path cityDir;

    @Option(
            names = "--bounded",
            description =
                    "Process what the input topics hold now, index it, print a summary and stop.")
    boolean bounded;

    @Option(
            names = "--minutes",
            defaultValue = "0",
            description =
                    "Stop by itself after this many minutes (default: ${DEFAULT-VALUE}: until Ctrl-C).")
    int minutes;

    @Option(
            names = "--idle-timeout",
            defaultValue = "5m",
            description = {
                "A partition without records this long stops holding back event time",
                "(default: ${DEFAULT-VALUE}). Shorter lets a quiet hotline hold colours back less, but while the run catches up",
                "(a replay at full speed, a backlog) a partition the reader has not reached for that long is taken for idle:",
                "with 10s, a day replayed at full speed raised 30 false alarms that 5m did not."
            })
    String idleTimeout;

    @Option(
            names = "--fresh",
            description =
                    "Start over: empty topics (embedded Kafka), no state from an earlier run, GridWatch's indices in Elasticsearch deleted.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(cityDir.resolve("city.json"))) {
            throw new IllegalArgumentException(
                    "--city: "
                            + cityDir
                            + " is not a city directory (no city.json); see ./gridwatch city check");
        }
        if (minutes < 0) {
            throw new IllegalArgumentException("--minutes must be 0 or more");
        }
        PrintStream out = System.out;
        Path dir = stackOptions.workDir.resolve("run");
        if (fresh) {
            EvaluateCommand.freshDir(dir);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.countDown();
                                    try {
                                        finished.await(120, TimeUnit.SECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                },
                                "gridwatch-run-stop"));
        try (LocalStack stack =
                LocalStack.start(stackOptions, out, dir.resolve("kafka"), ES_DATA, true)) {
            EmbeddedKafka.ensureTopics(stack.kafkaBootstrap(), stack.kafkaClient());
            if (fresh) {
                try (EsQueries es = new EsQueries(stack.esUrl())) {
                    es.deleteIndices("gridwatch-*");
                }
            }
            DemoSupport.installIndexTemplates(stack.esUrl());
            // Always read unbounded: a bounded Kafka source restored from a checkpoint of an
            // unbounded run keeps that run's open-ended splits and never finishes. --bounded
            // instead drains the job once its group has committed everything the topics held at the
            // start, with no partition declared idle on the way (the drain's end-of-time watermark
            // does not pass an idle partition).
            JobSettings settings =
                    JobSettings.fromArgs(
                            stack.jobArgs(
                                    "--es",
                                    stack.esUrl(),
                                    "--group-id",
                                    GROUP,
                                    "--bounded",
                                    "false",
                                    "--idle-timeout",
                                    bounded ? "24h" : idleTimeout,
                                    "--checkpoint-interval",
                                    "10s",
                                    "--alerts-exactly-once",
                                    "true",
                                    "--city",
                                    cityDir.toAbsolutePath().toString()),
                            "gridwatch-run");
            try (LocalFlink flink =
                    new LocalFlink(
                            stackOptions.flinkPort,
                            stackOptions.metricsPort,
                            dir.resolve("checkpoints"))) {
                String resumeFrom = flink.latestRetained();
                out.println(
                        resumeFrom == null
                                ? "Flink: starting the detections from the beginning of the topics ..."
                                : "Flink: resuming the detections from " + resumeFrom + " ...");
                long t0 = System.nanoTime();
                flink.startDetections(settings, stackOptions.parallelism, resumeFrom);
                if (bounded) {
                    ConsumerProgress.awaitCaughtUp(
                            stack.kafkaBootstrap(),
                            stack.kafkaClient(),
                            GROUP,
                            Topics.INPUTS,
                            Duration.ofHours(12));
                    flink.drainDetections();
                    // The drained state is the end of time (every timer fired): no later run may
                    // resume from it. The next run goes on from the offsets this one committed.
                    flink.forgetDetectionState();
                    flink.startIndexer(settings.asBounded());
                    flink.awaitFinished(Duration.ofHours(12));
                    out.printf("Processed the topics in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
                    try (EsQueries es = new EsQueries(stack.esUrl());
                            StackStatus status =
                                    new StackStatus(
                                            stack.kafkaBootstrap(), stack.kafkaClient(), es)) {
                        StatusLine.summary(out, status, true, flink);
                    }
                    return 0;
                }
                flink.startIndexer(settings);
                ConsoleServer console =
                        new ConsoleServer(
                                ConsoleConfig.local(stack.esUrl(), stack.kafkaBootstrap(), cityDir)
                                        .withKafkaClient(stack.kafkaClient())
                                        .withPort(stackOptions.consolePort));
                stack.stopOnClose(console);
                console.start();
                var gateway = LocalGateway.start(stackOptions, CityFiles.read(cityDir), stack, out);
                var intake = LocalIntake.start(intakeOptions, CityFiles.read(cityDir), stack);
                out.println();
                out.println("GridWatch is running on " + cityDir.toAbsolutePath() + ":");
                out.println("  Console          " + console.url());
                out.println("  Flink web UI     " + flink.uiUrl());
                out.println(
                        "  Kafka bootstrap  "
                                + stack.kafkaBootstrap()
                                + "   (send to gridwatch.gps, .hotline, .iot, .reference)");
                out.println("  Elasticsearch    " + stack.esUrl());
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
                        minutes > 0
                                ? "Stops by itself after " + minutes + " min; Ctrl-C stops earlier."
                                : "Ctrl-C stops, with a savepoint.");
                try (EsQueries es = new EsQueries(stack.esUrl());
                        StackStatus status =
                                new StackStatus(stack.kafkaBootstrap(), stack.kafkaClient(), es)) {
                    boolean ui = StatusLine.loop(out, stack, flink, es, status, stop, minutes);
                    out.println();
                    out.println(
                            "Stopping: savepoint of the detections (the next run resumes from it) ...");
                    out.println("  savepoint " + flink.stopDetectionsWithSavepoint());
                    StatusLine.summary(out, status, ui, flink);
                }
            }
        } finally {
            finished.countDown();
        }
        out.println("Everything stopped.");
        return 0;
    }
}
