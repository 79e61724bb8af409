package org.gridwatch.gateway.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.gateway.codec.FrameCodec;
import org.gridwatch.gateway.codec.Header;
import org.gridwatch.gateway.codec.Jt808Exception;
import org.gridwatch.gateway.codec.Packet;

import java.util.List;

/**
 * Cuts the byte stream into {@code 0x7E}-delimited frames and checks each one (escaping, length,
 * check code), passing on {@link FrameEvent}s; it never throws for bad input, so one bad frame
 * never costs the connection.
 *
 * <p>States: outside a frame, bytes up to the next flag are garbage. Inside, bytes up to the next
 * flag are a frame; two flags in a row are an end and a start (terminals often send {@code 7E7E}
 * between messages). After a good frame the decoder is outside again. After a bad one it treats the
 * closing flag as an opening one, because a bad "frame" is usually garbage that ran into the next
 * message's start flag; this way that next message is not lost. What follows such a flag was not
 * opened by a flag known to be a start, so if it fails too without even a readable header it is
 * reported as garbage, not as a broken frame. A frame longer than {@code maxFrameBytes} is reported
 * once as oversized and skipped up to its closing flag, so a terminal that never sends a flag
 * cannot make the buffer grow without bound.
 */
public final class Jt808FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean inside;
    private boolean discarding;
    private boolean resyncing;

    public Jt808FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int flag = in.indexOf(in.readerIndex(), in.writerIndex(), FrameCodec.FLAG);
            if (discarding) {
                if (flag < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(flag + 1);
                discarding = false;
                inside = false;
                resyncing = false;
                continue;
            }
            if (!inside) {
                int end = flag < 0 ? in.writerIndex() : flag;
                if (end > in.readerIndex()) {
                    int n = Math.min(end - in.readerIndex(), maxFrameBytes);
                    byte[] garbage = ByteBufUtil.getBytes(in, in.readerIndex(), n);
                    out.add(
                            new FrameEvent.Bad(
                                    ReasonCodes.JT808_GARBAGE,
                                    (end - in.readerIndex()) + " byte(s) outside any 0x7e frame",
                                    garbage,
                                    null));
                    in.readerIndex(end);
                }
                if (flag < 0) {
                    return;
                }
                in.skipBytes(1);
                inside = true;
                continue;
            }
            if (flag < 0) {
                if (in.readableBytes() > maxFrameBytes) {
                    out.add(oversized(ByteBufUtil.getBytes(in, in.readerIndex(), maxFrameBytes)));
                    in.skipBytes(in.readableBytes());
                    discarding = true;
                }
                return; // wait for the closing flag
            }
            int len = flag - in.readerIndex();
            if (len == 0) {
                in.skipBytes(1); // 7E 7E: the second flag opens the next frame
                resyncing = false;
                continue;
            }
            if (len > maxFrameBytes) {
                out.add(oversized(ByteBufUtil.getBytes(in, in.readerIndex(), maxFrameBytes)));
                in.readerIndex(flag + 1);
                inside = false;
                resyncing = false;
                continue;
            }
            byte[] escaped = new byte[len];
            in.readBytes(escaped);
            in.skipBytes(1);
            FrameEvent e = check(escaped);
            if (resyncing && e instanceof FrameEvent.Bad bad && bad.header() == null) {
                e =
                        new FrameEvent.Bad(
                                ReasonCodes.JT808_GARBAGE,
                                len + " byte(s) between two frames (" + bad.reason() + ")",
                                java.util.Arrays.copyOfRange(bad.raw(), 1, bad.raw().length - 1),
                                null);
            }
            out.add(e);
            inside = e instanceof FrameEvent.Bad;
            resyncing = inside;
        }
    }

    private FrameEvent.Bad oversized(byte[] head) {
        return new FrameEvent.Bad(
                ReasonCodes.JT808_OVERSIZED,
                "no closing 0x7e within "
                        + maxFrameBytes
                        + " bytes (the first "
                        + head.length
                        + " are kept)",
                head,
                null);
    }

    /** Unescapes and decodes one frame's content (between the flags). */
    static FrameEvent check(byte[] escaped) {
        byte[] raw = wrap(escaped);
        byte[] frame;
        try {
            frame = FrameCodec.unescape(escaped, 0, escaped.length);
        } catch (Jt808Exception e) {
            return new FrameEvent.Bad(e.reasonCode(), e.getMessage(), raw, null);
        }
        try {
            return new FrameEvent.Good(Packet.decode(frame), raw, System.nanoTime());
        } catch (Jt808Exception e) {
            return new FrameEvent.Bad(e.reasonCode(), e.getMessage(), raw, headerOrNull(frame));
        }
    }

    private static Header headerOrNull(byte[] frame) {
        try {
            return Header.read(frame, frame.length);
        } catch (Jt808Exception e) {
            return null;
        }
    }

    private static byte[] wrap(byte[] escaped) {
        byte[] raw = new byte[escaped.length + 2];
        raw[0] = FrameCodec.FLAG;
        System.arraycopy(escaped, 0, raw, 1, escaped.length);
        raw[raw.length - 1] = FrameCodec.FLAG;
        return raw;
    }
}
