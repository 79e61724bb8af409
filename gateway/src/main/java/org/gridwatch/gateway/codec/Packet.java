package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

/**
 * One decoded message: header and body, after escaping and check code are dealt with.
 *
 * @param header the header
 * @param body the body bytes (exactly {@code header.bodyLength()} of them)
 */
public record Packet(Header header, byte[] body) {

    /**
     * Decodes an unescaped frame (header, body, check code). Length is checked before the check
     * code so that a frame cut short is reported as truncated, not as a checksum mismatch.
     */
    public static Packet decode(byte[] frame) {
        Header h = Header.read(frame, frame.length);
        int actual = frame.length - h.length() - 1;
        if (actual < h.bodyLength()) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_TRUNCATED,
                    String.format(
                            "message 0x%04x declares a %d-byte body, the frame holds %d",
                            h.messageId(), h.bodyLength(), actual));
        }
        if (actual > h.bodyLength()) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_OVERSIZED,
                    String.format(
                            "message 0x%04x declares a %d-byte body, the frame holds %d",
                            h.messageId(), h.bodyLength(), actual));
        }
        int expected = FrameCodec.xor(frame, 0, frame.length - 1);
        int got = frame[frame.length - 1] & 0xff;
        if (expected != got) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_BAD_CHECKSUM,
                    String.format(
                            "check code 0x%02x, the XOR of header and body is 0x%02x",
                            got, expected));
        }
        byte[] body = java.util.Arrays.copyOfRange(frame, h.length(), h.length() + h.bodyLength());
        return new Packet(h, body);
    }

    /**
     * The frame to send for {@code header} and {@code body}: header, body, check code, escaped,
     * flags.
     */
    public static byte[] encode(Header header, byte[] body) {
        byte[] head = header.write(body.length);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return FrameCodec.escape(FrameCodec.withChecksum(all));
    }
}
