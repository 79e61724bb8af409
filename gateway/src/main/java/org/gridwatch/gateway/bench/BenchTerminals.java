package org.gridwatch.gateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.gridwatch.gateway.codec.Authentication;
import org.gridwatch.gateway.codec.Bcd;
import org.gridwatch.gateway.codec.Header;
import org.gridwatch.gateway.codec.MessageIds;
import org.gridwatch.gateway.codec.Packet;
import org.gridwatch.gateway.codec.Registration;
import org.gridwatch.gateway.net.FrameEvent;
import org.gridwatch.gateway.net.Jt808FrameDecoder;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Simulated terminals for the benchmark: each connects, registers (0x0100), authenticates with the
 * code it got (0x0102), then sends a 0x0200 every interval, starting at a random point of the first
 * interval so the reports spread evenly over time as a real fleet's do.
 */
final class BenchTerminals implements AutoCloseable {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger authenticated = new AtomicInteger();
    final LongAdder failedConnects = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final long intervalMs;

    BenchTerminals(String host, int port, int threads, long intervalMs) {
        this.intervalMs = intervalMs;
        this.group = new NioEventLoopGroup(threads);
        this.bootstrap =
                new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                        .remoteAddress(host, port)
                        .handler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(
                                                        new Jt808FrameDecoder(4096),
                                                        new Terminal());
                                    }
                                });
    }

    /** Opens terminal {@code i} (its phone number is {@code 0139} and i in 8 digits). */
    void open(int i) {
        bootstrap
                .connect()
                .addListener(
                        (ChannelFutureListener)
                                f -> {
                                    if (!f.isSuccess()) {
                                        failedConnects.increment();
                                    } else {
                                        f.channel()
                                                .attr(Terminal.PHONE)
                                                .set(String.format("0139%08d", i));
                                        f.channel()
                                                .pipeline()
                                                .get(Terminal.class)
                                                .start(f.channel().pipeline().lastContext());
                                    }
                                });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Terminal extends ChannelInboundHandlerAdapter {
        static final io.netty.util.AttributeKey<String> PHONE =
                io.netty.util.AttributeKey.valueOf("phone");
        private int serial;
        private String phone;

        void start(ChannelHandlerContext ctx) {
            phone = ctx.channel().attr(PHONE).get();
            connected.incrementAndGet();
            send(
                    ctx,
                    MessageIds.REGISTER,
                    new Registration(
                                    31,
                                    112,
                                    "GRIDW",
                                    "BENCH",
                                    "T" + phone.substring(4),
                                    2,
                                    "沪D" + phone.substring(7))
                            .encode(false));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (phone != null) {
                connected.decrementAndGet();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FrameEvent.Good g)) {
                return;
            }
            Packet p = g.packet();
            byte[] b = p.body();
            if (p.header().messageId() == MessageIds.REGISTER_RESPONSE && b.length > 3) {
                String code = new String(b, 3, b.length - 3, StandardCharsets.US_ASCII);
                send(
                        ctx,
                        MessageIds.AUTHENTICATE,
                        new Authentication(code, null, null).encode(false));
            } else if (p.header().messageId() == MessageIds.PLATFORM_GENERAL_RESPONSE
                    && b.length == 5) {
                int replyTo = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                if (replyTo == MessageIds.AUTHENTICATE && b[4] == 0) {
                    authenticated.incrementAndGet();
                    long first = ThreadLocalRandom.current().nextLong(intervalMs);
                    ctx.executor()
                            .scheduleAtFixedRate(
                                    () -> report(ctx), first, intervalMs, TimeUnit.MILLISECONDS);
                } else if (replyTo == MessageIds.LOCATION && b[4] == 0) {
                    acked.increment();
                }
            }
        }

        private void report(ChannelHandlerContext ctx) {
            if (!ctx.channel().isActive()) {
                return;
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long now = System.currentTimeMillis();
            byte[] body = new byte[28 + 6 + 3];
            put32(body, 0, 0);
            put32(body, 4, 0x0303); // ACC on, positioned, loaded
            put32(body, 8, 31_100_000 + r.nextInt(200_000));
            put32(body, 12, 121_300_000 + r.nextInt(300_000));
            body[17] = 10;
            body[19] = (byte) r.nextInt(250);
            body[21] = (byte) r.nextInt(180);
            System.arraycopy(Bcd.time(now, CHINA), 0, body, 22, 6);
            body[28] = 0x01; // mileage
            body[29] = 4;
            put32(body, 30, 12345);
            body[34] = 0x31; // satellites
            body[35] = 1;
            body[36] = 12;
            send(ctx, MessageIds.LOCATION, body);
            sent.increment();
        }

        private void send(ChannelHandlerContext ctx, int id, byte[] body) {
            Header h = Header.of(id, phone, serial, -1);
            serial = (serial + 1) & 0xffff;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Packet.encode(h, body)));
        }

        private static void put32(byte[] b, int off, long v) {
            b[off] = (byte) (v >> 24);
            b[off + 1] = (byte) (v >> 16);
            b[off + 2] = (byte) (v >> 8);
            b[off + 3] = (byte) v;
        }
    }
}
