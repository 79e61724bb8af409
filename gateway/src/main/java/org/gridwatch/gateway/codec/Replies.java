package org.gridwatch.gateway.codec;

import java.nio.charset.StandardCharsets;

/** Bodies of the platform's replies. */
public final class Replies {
    private Replies() {}

    /** 0x8001: reply serial WORD (the terminal's serial), reply message id WORD, result BYTE. */
    public static byte[] general(int replySerial, int replyMessageId, int result) {
        return new byte[] {
            (byte) (replySerial >> 8),
            (byte) replySerial,
            (byte) (replyMessageId >> 8),
            (byte) replyMessageId,
            (byte) result
        };
    }

    /** 0x8100: reply serial WORD, result BYTE, and the authentication code (only on success). */
    public static byte[] register(int replySerial, int result, String authCode) {
        byte[] code =
                result == MessageIds.REGISTER_OK
                        ? authCode.getBytes(StandardCharsets.US_ASCII)
                        : new byte[0];
        byte[] out = new byte[3 + code.length];
        out[0] = (byte) (replySerial >> 8);
        out[1] = (byte) replySerial;
        out[2] = (byte) result;
        System.arraycopy(code, 0, out, 3, code.length);
        return out;
    }
}
