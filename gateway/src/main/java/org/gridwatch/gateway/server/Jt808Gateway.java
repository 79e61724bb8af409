package org.gridwatch.gateway.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.gateway.AuthCodes;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.TerminalDirectory;
import org.gridwatch.gateway.codec.LocationDecoder;
import org.gridwatch.gateway.net.Jt808FrameDecoder;
import org.gridwatch.gateway.net.Jt808SessionHandler;
import org.gridwatch.gateway.publish.GatewayOutput;
import org.gridwatch.gateway.publish.KafkaGatewayOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The JT/T 808 gateway: a Netty TCP server that takes terminals' 2013 and 2019 messages and
 * publishes their positions to {@code gridwatch.gps} and what it cannot use to the dead-letter
 * topic.
 *
 * <pre>{@code
 * try (Jt808Gateway gw = Jt808Gateway.start(GatewayConfig.defaults(), TerminalDirectory.of(city.trucks()), "localhost:9092")) {
 *     System.out.println("JT/T 808 on port " + gw.port());
 *     ...
 * }
 * }</pre>
 *
 * Pipeline per connection: idle timeout, {@link Jt808FrameDecoder} (framing, escaping, check code),
 * {@link Jt808SessionHandler} (authentication, replies, reassembly, rate limit, publishing).
 */
public final class Jt808Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jt808Gateway.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final GatewayOutput output;
    private final boolean ownsOutput;
    private final GatewayMetrics metrics;
    private final TerminalDirectory terminals;

    private Jt808Gateway(
            EventLoopGroup boss,
            EventLoopGroup workers,
            Channel server,
            GatewayOutput output,
            boolean ownsOutput,
            GatewayMetrics metrics,
            TerminalDirectory terminals) {
        this.boss = boss;
        this.workers = workers;
        this.server = server;
        this.output = output;
        this.ownsOutput = ownsOutput;
        this.metrics = metrics;
        this.terminals = terminals;
    }

    /** A gateway publishing to the Kafka at {@code bootstrapServers} with its own producer. */
    public static Jt808Gateway start(
            GatewayConfig config, TerminalDirectory terminals, String bootstrapServers) {
        return start(config, terminals, bootstrapServers, KafkaClientProperties.NONE);
    }

    /** As above, the producer with the {@code --kafka-properties} file's settings (TLS, SASL). */
    public static Jt808Gateway start(
            GatewayConfig config,
            TerminalDirectory terminals,
            String bootstrapServers,
            KafkaClientProperties kafkaClient) {
        GatewayMetrics metrics = new GatewayMetrics();
        GatewayOutput out =
                new KafkaGatewayOutput(
                        KafkaGatewayOutput.producer(bootstrapServers, kafkaClient),
                        true,
                        config.gpsTopic(),
                        config.deadLetterTopic(),
                        metrics);
        try {
            return start(config, terminals, out, true, metrics);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * A gateway writing to {@code output}, which it does not close. The output records publish
     * latency into {@code metrics} (as {@link KafkaGatewayOutput} does).
     */
    public static Jt808Gateway start(
            GatewayConfig config,
            TerminalDirectory terminals,
            GatewayOutput output,
            GatewayMetrics metrics) {
        return start(config, terminals, output, false, metrics);
    }

    private static Jt808Gateway start(
            GatewayConfig config,
            TerminalDirectory terminals,
            GatewayOutput output,
            boolean ownsOutput,
            GatewayMetrics metrics) {
        AuthCodes codes = new AuthCodes(config.authSecret());
        LocationDecoder locations = new LocationDecoder(config.zone(), config.liftItemId());
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(config.workerThreads());
        long idleMs = config.idleTimeout().toMillis();
        ServerBootstrap b =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        // Thousands of terminals reconnect at once after a network outage or a
                        // restart.
                        .option(ChannelOption.SO_BACKLOG, 4096)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(
                                                        "idle",
                                                        new IdleStateHandler(
                                                                idleMs,
                                                                0,
                                                                0,
                                                                TimeUnit.MILLISECONDS))
                                                .addLast(
                                                        "frames",
                                                        new Jt808FrameDecoder(
                                                                config.maxFrameBytes()))
                                                .addLast(
                                                        "session",
                                                        new Jt808SessionHandler(
                                                                config, terminals, output, metrics,
                                                                codes, locations));
                                    }
                                });
        try {
            Channel server =
                    b.bind(new InetSocketAddress(config.bindHost(), config.port()))
                            .syncUninterruptibly()
                            .channel();
            Jt808Gateway gw =
                    new Jt808Gateway(boss, workers, server, output, ownsOutput, metrics, terminals);
            LOG.info(
                    "JT/T 808 gateway listening on {}:{} ({} terminals mapped to trucks, zone {}, topics {} / {})",
                    config.bindHost(),
                    gw.port(),
                    terminals.size(),
                    config.zone(),
                    config.gpsTopic(),
                    config.deadLetterTopic());
            return gw;
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException(
                    "JT/T 808 gateway cannot listen on "
                            + config.bindHost()
                            + ":"
                            + config.port()
                            + " ("
                            + e.getMessage()
                            + "); choose another port",
                    e);
        }
    }

    /** The port the gateway listens on (the chosen one when the configuration said 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * The phone-to-truck map; {@link TerminalDirectory#put} takes reference updates while running.
     */
    public TerminalDirectory terminals() {
        return terminals;
    }

    /** Stops listening, closes every connection, then flushes and closes its own Kafka producer. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (ownsOutput) {
            output.close();
        }
    }
}
