package org.gridwatch.gateway.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.gridwatch.gateway.codec.Header;
import org.gridwatch.gateway.codec.Packet;
import org.gridwatch.gateway.codec.Replies;

import static org.gridwatch.gateway.codec.MessageIds.PLATFORM_GENERAL_RESPONSE;

/**
 * Writes the platform's messages to one terminal and numbers them with the session's own serial.
 * Kept apart from {@link Jt808SessionHandler} because both the session and the positions published
 * for it answer the terminal, and they must share one serial. One instance per channel, used only
 * on its event loop; it writes without flushing, the caller flushes.
 */
final class ReplyWriter {
    private int platformSerial;

    /** A 0x8001 general response with the terminal's serial and message id. */
    void reply(ChannelHandlerContext ctx, Header to, int result) {
        send(
                ctx,
                to,
                PLATFORM_GENERAL_RESPONSE,
                Replies.general(to.serial(), to.messageId(), result));
    }

    /** A platform message in the terminal's own header version, to the phone number it used. */
    void send(ChannelHandlerContext ctx, Header to, int messageId, byte[] body) {
        Header h = Header.of(messageId, to.phone(), platformSerial, to.protocolVersion());
        platformSerial = (platformSerial + 1) & 0xffff;
        ctx.write(Unpooled.wrappedBuffer(Packet.encode(h, body)));
    }
}
