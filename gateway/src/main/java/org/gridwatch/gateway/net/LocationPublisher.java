package org.gridwatch.gateway.net;

import io.netty.channel.ChannelHandlerContext;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.TerminalDirectory;
import org.gridwatch.gateway.codec.Bcd;
import org.gridwatch.gateway.codec.Header;
import org.gridwatch.gateway.codec.Location;
import org.gridwatch.gateway.publish.GatewayOutput;
import org.gridwatch.gateway.publish.GpsRecords;

import java.util.List;

import static org.gridwatch.gateway.codec.MessageIds.RESULT_FAILURE;
import static org.gridwatch.gateway.codec.MessageIds.RESULT_OK;

/**
 * Hands an authenticated terminal's location reports to the {@link GatewayOutput} and answers the
 * terminal only once they are stored. Kept apart from {@link Jt808SessionHandler} because this is
 * the one path whose answer waits for Kafka, while the session answers everything else at once. One
 * instance per channel, used only on its event loop.
 */
final class LocationPublisher {
    private final GatewayConfig config;
    private final TerminalDirectory terminals;
    private final GatewayOutput output;
    private final GatewayMetrics metrics;
    private final Rejections rejections;
    private final ReplyWriter replies;

    LocationPublisher(
            GatewayConfig config,
            TerminalDirectory terminals,
            GatewayOutput output,
            GatewayMetrics metrics,
            Rejections rejections,
            ReplyWriter replies) {
        this.config = config;
        this.terminals = terminals;
        this.output = output;
        this.metrics = metrics;
        this.rejections = rejections;
        this.replies = replies;
    }

    /**
     * Publishes the positions and answers the terminal once Kafka has them all: 0 when it has, 1
     * ("failure") when it has not, so the terminal keeps the data and sends it again. Answering on
     * decode would lose the positions in flight if the gateway stopped before Kafka took them.
     * {@code registeredPlate} is the plate of the terminal's registration, or null.
     */
    void publishThenReply(
            ChannelHandlerContext ctx,
            Header h,
            List<Location> all,
            byte[] raw,
            long decodedAt,
            boolean batch,
            String registeredPlate) {
        String phone = h.phone();
        List<Location> fixes = new java.util.ArrayList<>(all.size());
        for (Location l : all) {
            if (l.lat() == 0 && l.lon() == 0) {
                rejections.reject(
                        ReasonCodes.JT808_NO_FIX,
                        "location (0, 0): the terminal has no fix",
                        raw,
                        phone);
            } else {
                fixes.add(l);
            }
        }
        if (fixes.isEmpty()) {
            replies.reply(
                    ctx, h,
                    RESULT_OK); // nothing to store, and nothing the terminal could send better
            return;
        }
        TerminalDirectory.Terminal t = terminals.lookup(phone);
        if (t.plate() == null && registeredPlate != null) {
            t = new TerminalDirectory.Terminal(t.entityId(), registeredPlate, t.known());
        }
        int[] pending = {fixes.size()};
        boolean[] allStored = {true};
        for (Location l : fixes) {
            metrics.positionDecoded();
            output.position(
                    t.entityId(),
                    GpsRecords.bytes(l, t, Bcd.canonicalPhone(phone), config.boxLiftedBit(), batch),
                    l.time(),
                    decodedAt,
                    ok ->
                            ctx.executor()
                                    .execute(
                                            () -> {
                                                // On the event loop, like everything else that
                                                // touches this session.
                                                allStored[0] &= ok;
                                                if (--pending[0] == 0) {
                                                    replies.reply(
                                                            ctx,
                                                            h,
                                                            allStored[0]
                                                                    ? RESULT_OK
                                                                    : RESULT_FAILURE);
                                                    ctx.flush();
                                                }
                                            }));
        }
    }
}
