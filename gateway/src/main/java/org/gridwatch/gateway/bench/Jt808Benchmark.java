package org.gridwatch.gateway.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway under a fleet's load: opens N terminal connections, lets each report every interval,
 * and prints connections held, reports/s decoded and the decode-to-Kafka p99 over a measurement
 * window. Not a test: it takes minutes and its numbers depend on the machine.
 *
 * <pre>
 * java -cp ... org.gridwatch.gateway.bench.Jt808Benchmark [--connections 10000] [--interval-s 10]
 *     [--ramp-s 30] [--warmup-s 20] [--duration-s 60] [--kafka HOST:PORT | none] [--client-threads 2]
 *     [--gateway-threads 0] [--gateway-heap 1g]
 * </pre>
 *
 * The gateway runs in a child JVM ({@link GatewayProcess}) on the same class path: each side of
 * 10,000 connections needs 10,000 file descriptors, more than one process may hold on a machine
 * with {@code ulimit -n} 20000. With {@code --kafka none} positions are encoded and dropped, and
 * the latency is decode-to-hand-over.
 */
public final class Jt808Benchmark {
    private Jt808Benchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        int n = Integer.parseInt(a.getOrDefault("connections", "10000"));
        long intervalMs = Long.parseLong(a.getOrDefault("interval-s", "10")) * 1000;
        long rampMs = Long.parseLong(a.getOrDefault("ramp-s", "30")) * 1000;
        long warmupMs = Long.parseLong(a.getOrDefault("warmup-s", "20")) * 1000;
        long durationMs = Long.parseLong(a.getOrDefault("duration-s", "60")) * 1000;
        String kafka = a.getOrDefault("kafka", "none");
        int clientThreads = Integer.parseInt(a.getOrDefault("client-threads", "2"));

        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx" + a.getOrDefault("gateway-heap", "1g"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                GatewayProcess.class.getName(),
                                kafka,
                                a.getOrDefault("gateway-threads", "0")));
        Process gw = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader from =
                    new BufferedReader(
                            new InputStreamReader(gw.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter to = new PrintWriter(gw.getOutputStream(), true, StandardCharsets.UTF_8);
            // Lines other than the protocol's (a logger writing to stdout) are passed through.
            String first = from.readLine();
            while (first != null && !first.startsWith("port=")) {
                System.out.println("gateway: " + first);
                first = from.readLine();
            }
            if (first == null || !first.startsWith("port=")) {
                throw new IllegalStateException("gateway process did not start: " + first);
            }
            int port = Integer.parseInt(first.substring(5));
            System.out.printf(
                    "gateway pid %d on port %d, Kafka %s; opening %d terminals over %d s, one report each per %d s%n",
                    gw.pid(), port, kafka, n, rampMs / 1000, intervalMs / 1000);
            try (BenchTerminals terminals =
                    new BenchTerminals("127.0.0.1", port, clientThreads, intervalMs)) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = start + rampMs * 1_000_000L * i / n;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    terminals.open(i);
                }
                Thread.sleep(warmupMs);
                System.out.printf(
                        "after ramp-up and %d s warm-up: %d connected, %d authenticated, %d failed connects%n",
                        warmupMs / 1000,
                        terminals.connected.get(),
                        terminals.authenticated.get(),
                        terminals.failedConnects.sum());
                Stats before = stats(from, to);
                long sentBefore = terminals.sent.sum();
                long t0 = System.nanoTime();
                int minHeld = Integer.MAX_VALUE;
                for (long left = durationMs; left > 0; left -= 5000) {
                    Thread.sleep(Math.min(5000, left));
                    minHeld = Math.min(minHeld, terminals.connected.get());
                }
                Stats after = stats(from, to);
                double secs = (System.nanoTime() - t0) / 1e9;
                double decoded = (after.get("positions") - before.get("positions")) / secs;
                double published = (after.get("published") - before.get("published")) / secs;
                System.out.printf(
                        "connections held (gateway side): %d of %d (client side, lowest during the window: %d)%n",
                        after.get("connections"), n, minHeld);
                System.out.printf(
                        "reports sent: %.1f/s; decoded: %.1f/s; published (Kafka acks): %.1f/s over %.0f s%n",
                        (terminals.sent.sum() - sentBefore) / secs, decoded, published, secs);
                System.out.printf(
                        "decode-to-%s latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d positions); "
                                + "publish failures %d, rejected frames %d%n",
                        "none".equals(kafka) ? "hand-over" : "Kafka-ack",
                        after.get("p50") / 1e6,
                        after.get("p99") / 1e6,
                        after.get("max") / 1e6,
                        after.get("count"),
                        after.get("failed"),
                        after.get("rejected"));
            }
        } finally {
            gw.getOutputStream().close(); // the gateway exits when its stdin closes
            if (!gw.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                gw.destroyForcibly();
            }
        }
    }

    private record Stats(Map<String, Long> values) {
        long get(String k) {
            return values.getOrDefault(k, 0L);
        }
    }

    /** Asks the gateway process for its counters (latency since the previous ask). */
    private static Stats stats(BufferedReader from, PrintWriter to) throws java.io.IOException {
        to.println("stats");
        String line = from.readLine();
        while (line != null && !line.startsWith("stats ")) {
            line = from.readLine();
        }
        if (line == null) {
            throw new java.io.EOFException("gateway process ended");
        }
        Map<String, Long> m = new HashMap<>();
        for (String kv : line.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
            }
        }
        return new Stats(m);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
