package org.gridwatch.gateway.bench;

import org.HdrHistogram.Histogram;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.TerminalDirectory;
import org.gridwatch.gateway.publish.GatewayOutput;
import org.gridwatch.gateway.server.Jt808Gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A gateway in its own JVM for {@link Jt808Benchmark}: 10,000 connections need 10,000 descriptors
 * on each side, more than one process may hold here. Talks over stdin/stdout: prints {@code port=N}
 * when listening, answers each {@code stats} line with one line of counters and the latency since
 * the previous {@code stats}, and exits when stdin closes (so it dies with its parent).
 *
 * <p>Arguments: {@code <kafka bootstrap | none> [workerThreads]}. With {@code none} positions are
 * dropped after encoding and the latency is decode-to-hand-over.
 */
public final class GatewayProcess {
    private GatewayProcess() {}

    public static void main(String[] args) throws Exception {
        String kafka = args.length > 0 ? args[0] : "none";
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        GatewayConfig config = benchConfig(workers);
        GatewayMetrics metrics;
        Jt808Gateway gw;
        if ("none".equals(kafka)) {
            metrics = new GatewayMetrics();
            gw =
                    Jt808Gateway.start(
                            config, TerminalDirectory.empty(), discarding(metrics), metrics);
        } else {
            gw = Jt808Gateway.start(config, TerminalDirectory.empty(), kafka);
            metrics = gw.metrics();
        }
        try (gw) {
            System.out.println("port=" + gw.port());
            System.out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.trim().equals("stats")) {
                    System.out.println(statsLine(metrics));
                    System.out.flush();
                }
            }
        }
    }

    /** The gateway's defaults on port 0, with a rate limit no benchmark terminal comes near. */
    static GatewayConfig benchConfig(int workers) {
        GatewayConfig d = GatewayConfig.defaults().withPort(0);
        return new GatewayConfig(
                "127.0.0.1",
                0,
                d.zone(),
                d.authSecret(),
                false,
                d.idleTimeout(),
                d.maxFramesPerSecond(),
                d.burstFrames(),
                d.maxFrameBytes(),
                d.maxSubpackages(),
                d.subpackageTimeout(),
                d.boxLiftedBit(),
                d.liftItemId(),
                workers,
                d.gpsTopic(),
                d.deadLetterTopic());
    }

    static GatewayOutput discarding(GatewayMetrics metrics) {
        return new GatewayOutput() {
            @Override
            public void position(
                    String key, byte[] value, long eventTime, long decodedAtNanos, Done done) {
                metrics.published(System.nanoTime() - decodedAtNanos);
                done.stored(true);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {}
        };
    }

    static String statsLine(GatewayMetrics m) {
        Histogram h = m.latencyInterval();
        return String.format(
                "stats connections=%d positions=%d published=%d failed=%d rejected=%d count=%d p50=%d p99=%d max=%d",
                m.connections(),
                m.positions(),
                m.publishedCount(),
                m.publishFailedCount(),
                m.rejectedByReason().values().stream().mapToLong(Long::longValue).sum(),
                h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(99),
                h.getMaxValue());
    }
}
