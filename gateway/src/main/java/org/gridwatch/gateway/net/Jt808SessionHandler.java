package org.gridwatch.gateway.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.gateway.AuthCodes;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.RateLimiter;
import org.gridwatch.gateway.TerminalDirectory;
import org.gridwatch.gateway.codec.Authentication;
import org.gridwatch.gateway.codec.Bcd;
import org.gridwatch.gateway.codec.Header;
import org.gridwatch.gateway.codec.Jt808Exception;
import org.gridwatch.gateway.codec.Location;
import org.gridwatch.gateway.codec.LocationDecoder;
import org.gridwatch.gateway.codec.Packet;
import org.gridwatch.gateway.codec.Registration;
import org.gridwatch.gateway.codec.Replies;
import org.gridwatch.gateway.codec.SubpackageAssembler;
import org.gridwatch.gateway.publish.GatewayOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.gridwatch.gateway.codec.MessageIds.*;

/**
 * One terminal connection: authentication state, replies, sub-package reassembly, rate limit, and
 * the hand-over of positions and dead letters to the {@link GatewayOutput}. One instance per
 * channel, used only on its event loop, so its fields need no locking.
 *
 * <p>Every frame that needs an answer gets one (0x8001 with the terminal's serial and message id,
 * or 0x8100 for a registration): terminals resend unanswered messages, and a terminal that gets no
 * answer to its heartbeat reconnects. Location data from a connection that has not authenticated is
 * refused (0x8001 "failure") and dead-lettered, since the standard requires authentication first.
 *
 * <p>Answers go through {@link ReplyWriter}, refusals through {@link Rejections}, and location
 * reports through {@link LocationPublisher}, whose answer waits for the output.
 */
public final class Jt808SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Jt808SessionHandler.class);

    /**
     * The dead letter's {@code sourceTopic}: the input channel, since this input never was a Kafka
     * record.
     */
    public static final String SOURCE = "jt808";

    private final GatewayConfig config;
    private final GatewayOutput output;
    private final GatewayMetrics metrics;
    private final AuthCodes authCodes;
    private final LocationDecoder locations;
    private final SubpackageAssembler assembler;
    private final RateLimiter limiter;
    private final ReplyWriter replies = new ReplyWriter();
    private final Rejections rejections;
    private final LocationPublisher publisher;
    private String authenticatedPhone;
    private String lastPhone;
    private String registeredPlate;
    private long lastRateLimitLetter;
    private boolean rateLimitLetterSent;
    private String remote = "?";

    public Jt808SessionHandler(
            GatewayConfig config,
            TerminalDirectory terminals,
            GatewayOutput output,
            GatewayMetrics metrics,
            AuthCodes authCodes,
            LocationDecoder locations) {
        this.config = config;
        this.output = output;
        this.metrics = metrics;
        this.authCodes = authCodes;
        this.locations = locations;
        this.rejections = new Rejections(output, metrics, () -> remote);
        this.publisher =
                new LocationPublisher(config, terminals, output, metrics, rejections, replies);
        this.assembler =
                new SubpackageAssembler(
                        config.maxSubpackages(), 4, config.subpackageTimeout().toMillis());
        this.limiter =
                new RateLimiter(
                        config.maxFramesPerSecond(), config.burstFrames(), System.nanoTime());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remote = String.valueOf(ctx.channel().remoteAddress());
        metrics.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.connectionClosed();
        assembler.clear(lastPhone, this::incomplete);
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // silent longer than the idle timeout: the terminal is gone or its
            // link is dead
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Only I/O errors (connection reset and the like) get here: decoding errors are
        // FrameEvents.
        LOG.debug("connection {} closed: {}", remote, cause.toString());
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // one flush per read, for all the replies of the frames it held
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrameEvent e)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long now = System.nanoTime();
        if (!limiter.tryAcquire(now)) {
            rateLimited(ctx, e, now);
            return;
        }
        try {
            if (e instanceof FrameEvent.Bad bad) {
                Header h = bad.header();
                reject(
                        bad.reasonCode(),
                        bad.reason(),
                        bad.raw(),
                        h == null ? lastPhone : h.phone());
                if (h != null) {
                    reply(ctx, h, RESULT_BAD_MESSAGE);
                }
            } else {
                FrameEvent.Good good = (FrameEvent.Good) e;
                metrics.frameDecoded();
                lastPhone = good.packet().header().phone();
                handle(ctx, good.packet(), good.raw(), good.decodedAtNanos());
            }
        } catch (RuntimeException ex) {
            // A bug of ours must not cost the terminal its connection; it is counted and logged.
            metrics.rejected("jt808_internal_error");
            LOG.warn("frame from {} not handled: {}", remote, ex.toString(), ex);
        }
    }

    private void handle(ChannelHandlerContext ctx, Packet p, byte[] raw, long decodedAt) {
        Header h = p.header();
        if (h.encryption() != 0) {
            reject(
                    ReasonCodes.JT808_ENCRYPTED,
                    String.format(
                            "message 0x%04x has encryption bits %d", h.messageId(), h.encryption()),
                    raw,
                    h.phone());
            reply(ctx, h, RESULT_UNSUPPORTED);
            return;
        }
        if (h.subpackaged()) {
            Packet whole;
            try {
                assembler.expire(System.currentTimeMillis(), h.phone(), this::incomplete);
                whole = assembler.offer(p, System.currentTimeMillis(), this::incomplete);
            } catch (Jt808Exception ex) {
                reject(ex.reasonCode(), ex.getMessage(), raw, h.phone());
                reply(ctx, h, RESULT_BAD_MESSAGE);
                return;
            }
            if (whole == null) {
                reply(ctx, h, RESULT_OK); // each part is acknowledged; the message is handled when
                // complete
                return;
            }
            p = whole;
            h = whole.header();
            raw = whole.body(); // a reassembled message has no single wire frame; its dead
            // letters hold the body
        }
        String phone = h.phone();
        try {
            switch (h.messageId()) {
                case REGISTER -> register(ctx, p);
                case AUTHENTICATE -> authenticate(ctx, p, raw);
                case HEARTBEAT ->
                        reply(
                                ctx,
                                h,
                                authenticated(phone)
                                        ? RESULT_OK
                                        : notAuthenticated(RESULT_FAILURE));
                case UNREGISTER -> {
                    authenticatedPhone = null;
                    reply(ctx, h, RESULT_OK);
                }
                case TERMINAL_GENERAL_RESPONSE -> {} // the terminal acknowledging us: nothing to do
                case LOCATION, LOCATION_BATCH -> {
                    if (!authenticated(phone)) {
                        reject(
                                ReasonCodes.JT808_NOT_AUTHENTICATED,
                                String.format(
                                        "location message 0x%04x before authentication (0x0102)",
                                        h.messageId()),
                                raw,
                                phone);
                        reply(ctx, h, RESULT_FAILURE);
                    } else if (h.messageId() == LOCATION) {
                        publisher.publishThenReply(
                                ctx,
                                h,
                                List.of(locations.decode(p.body())),
                                raw,
                                decodedAt,
                                false,
                                registeredPlate);
                    } else {
                        List<Location> batch =
                                locations.decodeBatch(
                                        p.body(),
                                        (i, item, err) ->
                                                reject(
                                                        err.reasonCode(),
                                                        "batch item " + i + ": " + err.getMessage(),
                                                        item,
                                                        phone));
                        publisher.publishThenReply(
                                ctx, h, batch, raw, decodedAt, true, registeredPlate);
                    }
                }
                default -> {
                    reject(
                            ReasonCodes.JT808_UNSUPPORTED_MESSAGE,
                            String.format(
                                    "message id 0x%04x is not handled by the gateway",
                                    h.messageId()),
                            raw,
                            phone);
                    reply(ctx, h, RESULT_UNSUPPORTED);
                }
            }
        } catch (Jt808Exception ex) {
            reject(
                    ex.reasonCode(),
                    String.format("message 0x%04x: %s", h.messageId(), ex.getMessage()),
                    raw,
                    phone);
            reply(ctx, h, RESULT_BAD_MESSAGE);
        }
    }

    private void register(ChannelHandlerContext ctx, Packet p) {
        Header h = p.header();
        Registration r = Registration.decode(p.body(), h.is2019());
        registeredPlate = r.plateColor() != 0 ? r.plate() : null;
        byte[] body = Replies.register(h.serial(), REGISTER_OK, authCodes.codeFor(h.phone()));
        replies.send(ctx, h, REGISTER_RESPONSE, body);
    }

    private void authenticate(ChannelHandlerContext ctx, Packet p, byte[] raw) {
        Header h = p.header();
        Authentication a = Authentication.decode(p.body(), h.is2019());
        boolean ok =
                config.acceptAnyAuthCode()
                        ? !a.code().isEmpty()
                        : authCodes.matches(h.phone(), a.code());
        if (ok) {
            authenticatedPhone = Bcd.canonicalPhone(h.phone());
            reply(ctx, h, RESULT_OK);
        } else {
            reject(
                    ReasonCodes.JT808_AUTH_FAILED,
                    "authentication code not issued to this terminal",
                    raw,
                    h.phone());
            reply(ctx, h, RESULT_FAILURE);
        }
    }

    private boolean authenticated(String phone) {
        return authenticatedPhone != null && authenticatedPhone.equals(Bcd.canonicalPhone(phone));
    }

    private int notAuthenticated(int result) {
        metrics.rejected(ReasonCodes.JT808_NOT_AUTHENTICATED);
        return result;
    }

    private void rateLimited(ChannelHandlerContext ctx, FrameEvent e, long now) {
        metrics.rejected(ReasonCodes.JT808_RATE_LIMITED);
        // One dead letter a second at most: a flood must not turn into a flood of dead letters.
        if (!rateLimitLetterSent || now - lastRateLimitLetter >= TimeUnit.SECONDS.toNanos(1)) {
            rateLimitLetterSent = true;
            lastRateLimitLetter = now;
            String phone = e instanceof FrameEvent.Good g ? g.packet().header().phone() : lastPhone;
            output.deadLetter(
                    rejections.deadLetter(
                            ReasonCodes.JT808_RATE_LIMITED,
                            "frame dropped: more than "
                                    + config.maxFramesPerSecond()
                                    + " frames/s (burst "
                                    + config.burstFrames()
                                    + ")",
                            e.raw(),
                            phone));
        }
        // Stop reading until a token is back: TCP flow control then slows the terminal down.
        if (ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            long wait = Math.max(limiter.nanosUntilToken(now), TimeUnit.MILLISECONDS.toNanos(1));
            ctx.executor()
                    .schedule(
                            () -> ctx.channel().config().setAutoRead(true),
                            wait,
                            TimeUnit.NANOSECONDS);
        }
    }

    private void incomplete(SubpackageAssembler.Incomplete i) {
        reject(ReasonCodes.JT808_SUBPACKAGE, i.reason(), i.partsSoFar(), i.phone());
    }

    private void reject(String reasonCode, String reason, byte[] raw, String phone) {
        rejections.reject(reasonCode, reason, raw, phone);
    }

    private void reply(ChannelHandlerContext ctx, Header to, int result) {
        replies.reply(ctx, to, result);
    }
}
