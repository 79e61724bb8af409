package org.gridwatch.gateway.intake;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The HTTP intake: Open311 GeoReport v2 for citizens' requests and {@code /ingest/*} for GridWatch
 * record batches, on Netty's HTTP codec, publishing to Kafka (see gateway/README.md, "HTTP
 * intake"). {@link #close()} stops listening, closes connections and flushes the producer.
 */
public final class IntakeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeServer.class);

    /** A client silent this long is dropped: a slow sender cannot hold a connection forever. */
    static final int READ_TIMEOUT_SECONDS = 60;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final IntakePublisher publisher;
    private final IntakeMetrics metrics;

    private IntakeServer(
            EventLoopGroup boss,
            EventLoopGroup workers,
            Channel channel,
            IntakePublisher publisher,
            IntakeMetrics metrics) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * Listens on {@code config}'s port and publishes to {@code kafkaBootstrap}; logs the effective
     * configuration.
     */
    public static IntakeServer start(IntakeConfig config, String kafkaBootstrap) {
        return start(config, kafkaBootstrap, KafkaClientProperties.NONE);
    }

    /**
     * @param client Kafka client settings (TLS, SASL) from {@code --kafka-properties}
     */
    public static IntakeServer start(
            IntakeConfig config, String kafkaBootstrap, KafkaClientProperties client) {
        IntakeMetrics metrics = new IntakeMetrics();
        IntakePublisher publisher = new IntakePublisher(kafkaBootstrap, client);
        CaseLookup cases = config.esUrl() == null ? null : new CaseLookup(config.esUrl());
        IntakeHandler handler = new IntakeHandler(config, publisher, cases, metrics);
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        try {
            Channel ch =
                    new ServerBootstrap()
                            .group(boss, workers)
                            .channel(NioServerSocketChannel.class)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel c) {
                                            c.pipeline()
                                                    .addLast(
                                                            new ReadTimeoutHandler(
                                                                    READ_TIMEOUT_SECONDS))
                                                    .addLast(new HttpServerCodec())
                                                    .addLast(
                                                            new LimitedAggregator(
                                                                    config.maxBodyBytes(), metrics))
                                                    .addLast(handler);
                                        }
                                    })
                            .bind(config.bindHost(), config.port())
                            .syncUninterruptibly()
                            .channel();
            IntakeServer server = new IntakeServer(boss, workers, ch, publisher, metrics);
            LOG.info(
                    "HTTP intake on port {}: {}, Kafka {}",
                    server.port(),
                    config.describe(),
                    kafkaBootstrap);
            return server;
        } catch (RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            publisher.close();
            throw new IllegalStateException(
                    "the intake cannot listen on "
                            + config.bindHost()
                            + ":"
                            + config.port()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public IntakeMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownGracefully().syncUninterruptibly();
        boss.shutdownGracefully().syncUninterruptibly();
        publisher.close();
    }

    /**
     * The aggregator with an Open311-shaped 413 (Netty's own has an empty body). On a keep-alive
     * connection the rest of the body is read and dropped, as Netty does: closing with unread bytes
     * makes TCP reset the connection, and the client may lose the answer. Otherwise the connection
     * closes after the answer.
     */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        private final IntakeMetrics metrics;

        LimitedAggregator(int maxBytes, IntakeMetrics metrics) {
            super(maxBytes);
            this.metrics = metrics;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            String endpoint =
                    oversized instanceof HttpRequest r
                            ? IntakeHandler.endpoint(new QueryStringDecoder(r.uri()).path())
                            : "unknown";
            metrics.request(endpoint, "too_large");
            byte[] body =
                    Answer.open311Error(
                                    413, "the body is larger than " + maxContentLength() + " bytes")
                            .body();
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1,
                            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                            Unpooled.wrappedBuffer(body));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            boolean keepReading =
                    !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
            if (keepReading) {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            } else {
                resp.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
