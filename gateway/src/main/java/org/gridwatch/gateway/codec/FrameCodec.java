package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

/**
 * The byte layer of JT/T 808: {@code 0x7E} flags around every message, {@code 0x7D} escaping of the
 * bytes in between ({@code 7E -> 7D 02}, {@code 7D -> 7D 01}) and the XOR check code over the
 * unescaped header and body.
 */
public final class FrameCodec {
    public static final byte FLAG = 0x7e;
    public static final byte ESCAPE = 0x7d;

    private FrameCodec() {}

    /**
     * The bytes between two flags with the escaping undone. A {@code 7D} followed by anything but
     * {@code 01}/{@code 02}, or last, means the terminal escaped wrongly or the frame was cut.
     */
    public static byte[] unescape(byte[] in, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        for (int i = off, end = off + len; i < end; i++) {
            byte v = in[i];
            if (v == ESCAPE) {
                if (i + 1 >= end) {
                    throw new Jt808Exception(
                            ReasonCodes.JT808_BAD_ESCAPE, "escape byte 0x7d ends the frame");
                }
                byte next = in[++i];
                if (next == 0x01) {
                    out[n++] = ESCAPE;
                } else if (next == 0x02) {
                    out[n++] = FLAG;
                } else {
                    throw new Jt808Exception(
                            ReasonCodes.JT808_BAD_ESCAPE,
                            String.format(
                                    "escape byte 0x7d followed by 0x%02x (only 01 and 02 are defined)",
                                    next));
                }
            } else {
                out[n++] = v;
            }
        }
        return n == len ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * {@code content} (header, body and check code) escaped and wrapped in flags, ready to send.
     */
    public static byte[] escape(byte[] content) {
        int extra = 0;
        for (byte v : content) {
            if (v == FLAG || v == ESCAPE) {
                extra++;
            }
        }
        byte[] out = new byte[content.length + extra + 2];
        int n = 0;
        out[n++] = FLAG;
        for (byte v : content) {
            if (v == FLAG) {
                out[n++] = ESCAPE;
                out[n++] = 0x02;
            } else if (v == ESCAPE) {
                out[n++] = ESCAPE;
                out[n++] = 0x01;
            } else {
                out[n++] = v;
            }
        }
        out[n] = FLAG;
        return out;
    }

    /** XOR of {@code len} bytes from {@code off}: the check code of a header plus body. */
    public static int xor(byte[] b, int off, int len) {
        int x = 0;
        for (int i = off, end = off + len; i < end; i++) {
            x ^= b[i];
        }
        return x & 0xff;
    }

    /** {@code headerAndBody} followed by its check code, unescaped. */
    public static byte[] withChecksum(byte[] headerAndBody) {
        byte[] out = java.util.Arrays.copyOf(headerAndBody, headerAndBody.length + 1);
        out[headerAndBody.length] = (byte) xor(headerAndBody, 0, headerAndBody.length);
        return out;
    }
}
