package org.gridwatch.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.stack.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink standalone session cluster as separate JVMs, started the way Flink's scripts start one
 * ({@code jobmanager.sh}, {@code taskmanager.sh}), from Flink's own entry points on a classpath of
 * Maven artifacts: Flink's binary distribution is not on Maven Central. Jobs are submitted with
 * Flink's CLI ({@code flink run}, {@link org.apache.flink.client.cli.CliFrontend}) in a JVM of its
 * own.
 *
 * <p>The classpath is what a stock distribution's {@code lib/} holds and no more: Flink's modules
 * and their dependencies as the jobs module lists them ({@code
 * jobs/target/flink-cluster-classpath.txt} and {@code flink-cluster-shared-classpath.txt}, written
 * by the build), the web submission of flink-runtime-web and Log4j. The Prometheus reporter is a
 * plugin, in {@code plugins/}, as in a distribution. Every process is destroyed with its children
 * on {@link #close()} and by a shutdown hook.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    /**
     * The {@code --add-opens} Flink's scripts pass on Java 17 ({@code env.java.opts.all} of the
     * default config).
     */
    static final List<String> OPENS =
            Stream.of(
                            "java.util",
                            "java.lang",
                            "java.lang.reflect",
                            "java.net",
                            "java.io",
                            "java.nio",
                            "sun.nio.ch",
                            "java.text",
                            "java.time",
                            "java.util.concurrent",
                            "java.util.concurrent.atomic",
                            "java.util.concurrent.locks")
                    .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                    .toList();

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final Path confDir;
    private final Path logDir;
    private final Path pluginsDir;
    private final String classpath;
    private final int taskManagers;
    private final Map<String, String> env;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread shutdownHook = new Thread(this::destroyAll, "flink-cluster-stop");
    private final List<Integer> taskManagerReporterPorts = new ArrayList<>();
    private int restPort;

    /**
     * @param dir working directory (configuration, logs, checkpoints)
     * @param classpath the cluster's jars
     * @param prometheusReporter the flink-metrics-prometheus jar, put into {@code plugins/}
     * @param env extra environment of every cluster and client process (Elasticsearch credentials)
     */
    StandaloneFlinkCluster(
            Path dir,
            List<Path> classpath,
            Path prometheusReporter,
            int taskManagers,
            Map<String, String> env)
            throws IOException {
        this.dir = dir.toAbsolutePath();
        this.confDir = this.dir.resolve("conf");
        this.logDir = this.dir.resolve("log");
        this.pluginsDir = this.dir.resolve("plugins");
        this.classpath =
                classpath.stream()
                        .map(p -> p.toAbsolutePath().toString())
                        .collect(Collectors.joining(":"));
        this.taskManagers = taskManagers;
        this.env = Map.copyOf(env);
        Files.createDirectories(confDir);
        Files.createDirectories(logDir);
        Files.createDirectories(pluginsDir.resolve("metrics-prometheus"));
        Files.copy(
                prometheusReporter,
                pluginsDir.resolve("metrics-prometheus").resolve(prometheusReporter.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The jars of a stock Flink cluster: the lists the jobs module writes at {@code package}, plus
     * flink-runtime-web (the web UI and jar submission) and Log4j, taken from this test's
     * classpath.
     */
    static List<Path> stockClasspath(Path jobsTarget) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String file :
                List.of("flink-cluster-classpath.txt", "flink-cluster-shared-classpath.txt")) {
            Path list = jobsTarget.resolve(file);
            if (!Files.exists(list)) {
                throw new IllegalStateException(
                        list
                                + " is missing: build the jobs module first (mvn -B -DskipTests install)");
            }
            Arrays.stream(Files.readString(list).trim().split(":"))
                    .filter(s -> !s.isBlank())
                    .map(Path::of)
                    .forEach(jars::add);
        }
        for (String cls :
                List.of(
                        "org.apache.flink.runtime.webmonitor.WebSubmissionExtension",
                        "org.apache.logging.log4j.LogManager",
                        "org.apache.logging.log4j.core.LoggerContext",
                        "org.apache.logging.slf4j.Log4jLoggerFactory")) {
            Path jar = jarOf(cls);
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return jars;
    }

    /** The jar a class on this JVM's classpath comes from. */
    static Path jarOf(String className) {
        try {
            return Path.of(
                    Class.forName(className)
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + className, e);
        }
    }

    /**
     * Writes the configuration, starts the job manager and the task managers, and waits until every
     * slot is registered.
     */
    StandaloneFlinkCluster start(int slotsPerTaskManager) throws Exception {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        int[] ports = Ports.reserve(4 + 3 * taskManagers);
        restPort = ports[0];
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("jobmanager.rpc.address", "localhost");
        conf.put("jobmanager.rpc.port", String.valueOf(ports[1]));
        conf.put("jobmanager.bind-host", "localhost");
        conf.put("jobmanager.memory.process.size", "1024m");
        conf.put("rest.address", "localhost");
        conf.put("rest.bind-address", "localhost");
        conf.put("rest.port", String.valueOf(restPort));
        conf.put("blob.server.port", String.valueOf(ports[2]));
        conf.put("taskmanager.host", "localhost");
        conf.put("taskmanager.bind-host", "localhost");
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(slotsPerTaskManager));
        conf.put("taskmanager.memory.process.size", "1280m");
        conf.put("parallelism.default", "2");
        // Slots spread over the task managers, so that a job of two slots runs on both and its
        // records cross JVMs (by default a standalone cluster fills one task manager first).
        conf.put("taskmanager.load-balance.mode", "SLOTS");
        conf.put("io.tmp.dirs", dir.resolve("tmp").toString());
        conf.put("web.tmpdir", dir.resolve("web").toString());
        // As deploy/ configures its clusters: the jobs checkpoint at the cluster's interval unless
        // given
        // --checkpoint-interval (without checkpoints the indexer never commits its offsets).
        conf.put("execution.checkpointing.interval", "10s");
        conf.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        conf.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        conf.put(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.put("metrics.reporter.prom.port", String.valueOf(ports[3]));
        StringBuilder yaml = new StringBuilder();
        conf.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml);
        Files.writeString(
                confDir.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        ""));

        List<String> jm = new ArrayList<>(List.of(java()));
        jm.addAll(resourceParams("GET_JM_RESOURCE_PARAMS").get(0));
        jm.addAll(commonJvmArgs("jobmanager"));
        jm.addAll(
                List.of(
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        "--configDir",
                        confDir.toString()));
        launch("jobmanager", jm);
        List<List<String>> tmParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        for (int i = 0; i < taskManagers; i++) {
            List<String> tm = new ArrayList<>(List.of(java()));
            tm.addAll(tmParams.get(0));
            tm.addAll(commonJvmArgs("taskmanager-" + i));
            tm.addAll(
                    List.of(
                            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            "--configDir",
                            confDir.toString()));
            tm.addAll(tmParams.get(1));
            tm.addAll(
                    List.of(
                            "-Dtaskmanager.rpc.port=" + ports[4 + 3 * i],
                            "-Dtaskmanager.data.port=" + ports[5 + 3 * i],
                            "-Dmetrics.reporter.prom.port=" + ports[6 + 3 * i],
                            "-Dtaskmanager.resource-id=taskmanager-" + i));
            taskManagerReporterPorts.add(ports[6 + 3 * i]);
            launch("taskmanager-" + i, tm);
        }
        int slots = taskManagers * slotsPerTaskManager;
        awaitCondition(
                "the job manager's REST API and " + slots + " task slots",
                START_TIMEOUT,
                () -> {
                    JsonNode o = getOrNull("/overview");
                    return o != null
                            && o.path("taskmanagers").asInt() == taskManagers
                            && o.path("slots-total").asInt() == slots;
                });
        return this;
    }

    String restUrl() {
        return "http://localhost:" + restPort;
    }

    /** The Prometheus reporter ports of the task managers. */
    List<Integer> taskManagerReporterPorts() {
        return List.copyOf(taskManagerReporterPorts);
    }

    /**
     * {@code flink run -d -m localhost:<rest port> <args>} in a JVM of its own, as Flink's {@code
     * bin/flink} runs it; returns the submitted job's id.
     */
    String flinkRun(List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-d"));
        all.addAll(args);
        String output = flink("run", all);
        Matcher m = JOB_ID.matcher(output);
        if (!m.find()) {
            throw new AssertionError("flink run " + args + " printed no job id:\n" + output);
        }
        return m.group(1);
    }

    /**
     * {@code flink <action> -m localhost:<rest port> <args>}; returns what it printed, fails on a
     * non-zero exit.
     */
    String flink(String action, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
        cmd.addAll(OPENS);
        cmd.addAll(
                List.of(
                        "-Dlog.file=" + logDir.resolve("client.log"),
                        "-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"),
                        "-cp",
                        classpath,
                        "org.apache.flink.client.cli.CliFrontend",
                        action,
                        "-m",
                        "localhost:" + restPort));
        cmd.addAll(args);
        Path out = logDir.resolve("flink-" + action + "-" + System.nanoTime() + ".out");
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        environment(pb);
        Process p = pb.start();
        processes.add(p);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            destroyTree(p);
            throw new AssertionError(
                    "flink "
                            + action
                            + " did not return within 5 minutes: "
                            + tail(out)
                            + "\nclient log:\n"
                            + tail(logDir.resolve("client.log")));
        }
        processes.remove(p);
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "flink "
                            + action
                            + " "
                            + args
                            + " failed (exit "
                            + p.exitValue()
                            + "):\n"
                            + tail(out)
                            + "\nclient log:\n"
                            + tail(logDir.resolve("client.log")));
        }
        return Files.readString(out);
    }

    /** The job's state ({@code RUNNING}, {@code FINISHED}, ...). */
    String state(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /**
     * Waits until the job is in {@code wanted}; fails at once when it ends otherwise, with its root
     * exception.
     */
    void awaitState(String jobId, String wanted, Duration timeout) throws Exception {
        Set<String> terminal = Set.of("FINISHED", "FAILED", "CANCELED");
        awaitCondition(
                "job " + jobId + " " + wanted,
                timeout,
                () -> {
                    String s = state(jobId);
                    if (s.equals(wanted)) {
                        return true;
                    }
                    if (terminal.contains(s)) {
                        throw new AssertionError(
                                "job "
                                        + jobId
                                        + " is "
                                        + s
                                        + " instead of "
                                        + wanted
                                        + ": "
                                        + get("/jobs/" + jobId + "/exceptions")
                                                .path("rootException")
                                                .asText());
                    }
                    return false;
                });
    }

    /** The task managers the job's subtasks ran on (or run on). */
    Set<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        Set<String> out = new java.util.TreeSet<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode sub :
                    get("/jobs/" + jobId + "/vertices/" + v.path("id").asText()).path("subtasks")) {
                out.add(sub.path("taskmanager-id").asText());
            }
        }
        return out;
    }

    void cancel(String jobId) throws Exception {
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(restUrl() + "/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build();
        http.send(req, HttpResponse.BodyHandlers.discarding());
        awaitState(jobId, "CANCELED", Duration.ofMinutes(1));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return Json.read(r.body());
    }

    private JsonNode getOrNull(String path) throws InterruptedException {
        try {
            return get(path);
        } catch (IOException e) {
            return null;
        }
    }

    /** The last lines of every process's log, for a failure message. */
    String logTails() {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.sorted()
                    .map(f -> "== " + f.getFileName() + "\n" + tail(f))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }

    private synchronized void destroyAll() {
        for (Process p : processes) {
            destroyTree(p);
        }
        processes.clear();
    }

    private static void destroyTree(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * The memory flags ([0]) and dynamic properties ([1]) Flink's scripts compute with
     * BashJavaUtils.
     */
    private List<List<String>> resourceParams(String command) throws Exception {
        Path out = logDir.resolve(command + ".out");
        ProcessBuilder pb =
                new ProcessBuilder(
                                java(),
                                "-Xmx128m",
                                "-cp",
                                classpath,
                                "-Dlog4j2.configurationFile=nothing",
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                command,
                                "--configDir",
                                confDir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("BashJavaUtils " + command + " failed: " + tail(out));
        }
        List<List<String>> result =
                Files.readAllLines(out).stream()
                        .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(
                                l ->
                                        Arrays.stream(
                                                        l.substring(
                                                                        "BASH_JAVA_UTILS_EXEC_RESULT:"
                                                                                .length())
                                                                .trim()
                                                                .split("\\s+"))
                                                .filter(s -> !s.isBlank())
                                                .toList())
                        .toList();
        if (result.isEmpty()) {
            throw new IllegalStateException(
                    "BashJavaUtils " + command + " printed no result: " + tail(out));
        }
        return result;
    }

    private List<String> commonJvmArgs(String name) {
        List<String> args = new ArrayList<>(OPENS);
        args.addAll(
                List.of(
                        "-Dlog.file=" + logDir.resolve(name + ".log"),
                        "-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"),
                        "-cp",
                        classpath));
        return args;
    }

    private void launch(String name, List<String> cmd) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(logDir.resolve(name + ".out").toFile());
        environment(pb);
        processes.add(pb.start());
    }

    private void environment(ProcessBuilder pb) {
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("GRIDWATCH_ES_USERNAME");
        pb.environment().remove("GRIDWATCH_ES_PASSWORD");
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        pb.environment().put("FLINK_PLUGINS_DIR", pluginsDir.toString());
        pb.environment().putAll(env);
        pb.directory(dir.toFile());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + ": " + e.getMessage() + ")";
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} until it holds; fails after {@code timeout} with the cluster's log
     * tails.
     */
    void awaitCondition(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            for (Process p : processes.subList(0, Math.min(processes.size(), 1 + taskManagers))) {
                if (!p.isAlive()) {
                    throw new AssertionError(
                            "a cluster process exited ("
                                    + p.exitValue()
                                    + ") while waiting for "
                                    + what
                                    + "\n"
                                    + logTails());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + timeout + "\n" + logTails());
            }
            Thread.sleep(250);
        }
    }
}
