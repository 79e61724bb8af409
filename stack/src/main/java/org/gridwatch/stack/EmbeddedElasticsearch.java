package org.gridwatch.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch server, started by the project itself from the integ-test zip that Maven
 * keeps in the local repository: unpacked once into the work directory, configured for one node on
 * loopback with a small heap, started as a child process and stopped with its whole process tree.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM runs as root, the server runs as the
 * unprivileged system user {@value ServiceUser#NAME}, created on first use.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {
    /**
     * A server that is still alive is given this long: it starts in 8-40 s on a quiet 2-core
     * machine but took 2.5 min on a busy one (load 40), and one that dies fails the start at once.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Path workDir;
    private final int httpPort;
    private final int transportPort;
    private final String heap;
    private final PrintStream out;
    private final String dataName;
    private Process process;
    private Thread shutdownHook;
    private String user;
    private String password;

    public EmbeddedElasticsearch(Path workDir, int httpPort, String heap, PrintStream out) {
        this(workDir, httpPort, heap, out, "data");
    }

    /**
     * @param dataName name of the data directory under the work directory (evaluation runs keep
     *     theirs apart from the demo's)
     */
    public EmbeddedElasticsearch(
            Path workDir, int httpPort, String heap, PrintStream out, String dataName) {
        this(workDir, httpPort, httpPort + 100, heap, out, dataName);
    }

    /**
     * With the node's transport port chosen by the caller (tests take both ports from {@link
     * Ports#reserve}).
     */
    public EmbeddedElasticsearch(
            Path workDir,
            int httpPort,
            int transportPort,
            String heap,
            PrintStream out,
            String dataName) {
        this.workDir = workDir.toAbsolutePath();
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.heap = heap;
        this.out = out;
        this.dataName = dataName;
    }

    /**
     * Turns security on, with {@code user} a superuser of the file realm (over plain http), so that
     * Basic authentication can be tested. Call before {@link #start()}.
     */
    public EmbeddedElasticsearch withBasicAuth(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public String url() {
        return "http://localhost:" + httpPort;
    }

    public EmbeddedElasticsearch start() {
        Path base = ServiceUser.isRoot() ? reachableByServiceUser() : workDir;
        stopOrphan(base.resolve("elasticsearch-" + httpPort + ".pid"));
        Ports.requireFree(httpPort, "Elasticsearch", "--es-port");
        Path home = ElasticsearchDistribution.unpack(base);
        Path data = base.resolve(dataName + "-" + httpPort);
        Path logs = base.resolve("logs-" + httpPort);
        try {
            Files.createDirectories(data);
            Files.createDirectories(logs);
            writeConfig(home, data, logs);
        } catch (IOException e) {
            throw new StackException(
                    "cannot prepare Elasticsearch in " + base + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        if (ServiceUser.isRoot()) {
            ServiceUser.chown(base);
            out.println(
                    "Elasticsearch refuses to run as root: running it as the unprivileged system user '"
                            + ServiceUser.NAME
                            + "'.");
            command.addAll(List.of("runuser", "-u", ServiceUser.NAME, "--"));
        }
        command.addAll(
                List.of(
                        "env",
                        "ES_JAVA_HOME=" + System.getProperty("java.home"),
                        "ES_JAVA_OPTS=-Xms"
                                + heap
                                + " -Xmx"
                                + heap
                                + " -XX:-HeapDumpOnOutOfMemoryError",
                        "ES_PATH_CONF=" + home.resolve("config"),
                        home.resolve("bin/elasticsearch").toString(),
                        "-p",
                        base.resolve("elasticsearch-" + httpPort + ".pid").toString()));
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve("console.log").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        long t0 = System.nanoTime();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new StackException("cannot start Elasticsearch: " + e.getMessage(), e);
        }
        shutdownHook = new Thread(this::stopProcess, "elasticsearch-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(logs);
        out.printf(
                "Elasticsearch %s is up on %s (%.1f s)%n",
                ElasticsearchDistribution.version(), url(), (System.nanoTime() - t0) / 1e9);
        return this;
    }

    /** True while the server process runs (it may still be starting). */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * The exit code of a server that stopped by itself, or null while it runs or before it started.
     */
    public Integer exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? null : p.exitValue();
    }

    /** Starts the server again after it died (same port, same data). */
    public EmbeddedElasticsearch restart() {
        close();
        return start();
    }

    /**
     * A launcher killed with SIGKILL cannot stop its Elasticsearch, which then holds the port and
     * fails the next start. Its pid file tells which process that is; it is stopped only when it is
     * still an Elasticsearch.
     */
    private void stopOrphan(Path pidFile) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains("org.elasticsearch"))
                .ifPresent(
                        h -> {
                            out.println(
                                    "Stopping an Elasticsearch (pid "
                                            + pid
                                            + ") left running by an earlier launcher that did not exit cleanly.");
                            h.destroy();
                            try {
                                h.onExit().get(60, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                h.destroyForcibly();
                            }
                        });
    }

    /**
     * Where Elasticsearch's server, data and logs go when it runs as the service user: the work
     * directory when that user can reach it, else a directory of its own under {@value
     * ServiceUser#DIRS} (a clone in root's home, mode 700, is the common case), one per work
     * directory.
     */
    private Path reachableByServiceUser() {
        ServiceUser.ensure();
        Path blocked = ServiceUser.firstUntraversableParent(workDir);
        if (blocked == null) {
            return workDir;
        }
        Path base =
                Path.of(
                        ServiceUser.DIRS,
                        "es-" + Integer.toHexString(workDir.toString().hashCode()));
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new StackException(
                    "Elasticsearch runs as '"
                            + ServiceUser.NAME
                            + "', which cannot enter "
                            + blocked
                            + ", and "
                            + base
                            + " cannot be created: "
                            + e.getMessage()
                            + ". Use --work-dir under a directory others can traverse.",
                    e);
        }
        out.println(
                "Elasticsearch runs as '"
                        + ServiceUser.NAME
                        + "', which cannot enter "
                        + blocked
                        + ": its server, data and logs are in "
                        + base
                        + " (for the work directory "
                        + workDir
                        + ").");
        return base;
    }

    private void writeConfig(Path home, Path data, Path logs) throws IOException {
        String yml =
                String.join(
                        "\n",
                        "# Written by GridWatch's launcher at every start.",
                        "cluster.name: gridwatch-local",
                        "node.name: gridwatch-local",
                        "discovery.type: single-node",
                        "network.host: 127.0.0.1",
                        "http.port: " + httpPort,
                        "transport.port: " + transportPort,
                        "path.data: " + data,
                        "path.logs: " + logs,
                        "xpack.security.enabled: " + (user != null),
                        "action.destructive_requires_name: false",
                        "cluster.routing.allocation.disk.threshold_enabled: false",
                        "");
        Files.writeString(home.resolve("config/elasticsearch.yml"), yml);
        if (user != null) {
            // The file realm; {SHA} is one of the hash formats it reads (the JDK can compute it).
            Files.writeString(
                    home.resolve("config/users"),
                    user + ":{SHA}" + Base64.getEncoder().encodeToString(sha1(password)) + "\n");
            Files.writeString(home.resolve("config/users_roles"), "superuser:" + user + "\n");
        }
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Path logs) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(
                        "Elasticsearch exited during start-up (exit code "
                                + process.exitValue()
                                + "). Last lines of its log:\n"
                                + tail(logs.resolve("console.log"), 40));
            }
            try {
                HttpRequest.Builder health =
                        HttpRequest.newBuilder(
                                        URI.create(
                                                url()
                                                        + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                                .timeout(Duration.ofSeconds(3));
                if (user != null) {
                    health.header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    (user + ":" + password)
                                                            .getBytes(StandardCharsets.UTF_8)));
                }
                HttpResponse<String> r =
                        http.send(health.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StackException("interrupted while waiting for Elasticsearch");
            }
            sleep(500);
        }
        String tail = tail(logs.resolve("console.log"), 40);
        close();
        throw new StackException(
                "Elasticsearch did not become ready within "
                        + START_TIMEOUT.toSeconds()
                        + " s. Last lines of its log:\n"
                        + tail);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
    }

    @Override
    public void close() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running or has run.
            }
            shutdownHook = null;
        }
    }
}
