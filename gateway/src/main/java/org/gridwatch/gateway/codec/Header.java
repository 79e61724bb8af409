package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

/**
 * A JT/T 808 message header, 2013 or 2019.
 *
 * <pre>
 * WORD  message id
 * WORD  body properties: bits 0-9 body length, 10-12 encryption (bit 10 RSA), 13 sub-packaged, 14 2019 version flag
 * BYTE  protocol version              2019 only (bit 14 set)
 * BCD   terminal phone                BCD[6] in 2013, BCD[10] in 2019
 * WORD  serial number
 * WORD  total packets, WORD index     only when sub-packaged; the index counts from 1
 * </pre>
 *
 * @param messageId the message id
 * @param bodyLength the body length the properties declare (0-1023)
 * @param encryption the 3 encryption bits (0 = none, 1 = RSA)
 * @param subpackaged whether this is one part of a longer message
 * @param protocolVersion the 2019 version byte, or -1 for a 2013 header
 * @param phone the terminal phone number, all BCD digits (12 or 20)
 * @param serial the message serial number
 * @param total number of parts when sub-packaged, else 0
 * @param index this part's index (from 1) when sub-packaged, else 0
 * @param length the header's length in bytes
 */
public record Header(
        int messageId,
        int bodyLength,
        int encryption,
        boolean subpackaged,
        int protocolVersion,
        String phone,
        int serial,
        int total,
        int index,
        int length) {

    public static final int MAX_BODY = 0x3ff;
    public static final int MIN_LENGTH = 12;

    public boolean is2019() {
        return protocolVersion >= 0;
    }

    /**
     * The header at the start of an unescaped frame of {@code frameLength} bytes (check code
     * included).
     */
    public static Header read(byte[] frame, int frameLength) {
        if (frameLength < MIN_LENGTH + 1) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_TRUNCATED,
                    "frame of "
                            + frameLength
                            + " bytes is shorter than the smallest header plus check code (13)");
        }
        BodyReader r = new BodyReader(frame, 0, frameLength - 1, "header");
        int messageId = r.u16();
        int props = r.u16();
        boolean subpackaged = (props & 0x2000) != 0;
        boolean v2019 = (props & 0x4000) != 0;
        int version = v2019 ? r.u8() : -1;
        String phone = r.bcd(v2019 ? 10 : 6);
        int serial = r.u16();
        int total = 0;
        int index = 0;
        if (subpackaged) {
            total = r.u16();
            index = r.u16();
        }
        return new Header(
                messageId,
                props & MAX_BODY,
                (props >> 10) & 0x7,
                subpackaged,
                version,
                phone,
                serial,
                total,
                index,
                r.position());
    }

    /** This header as bytes; {@code bodyLength} is taken from the body actually sent. */
    public byte[] write(int actualBodyLength) {
        if (actualBodyLength > MAX_BODY) {
            throw new IllegalArgumentException(
                    "body of " + actualBodyLength + " bytes needs sub-packages");
        }
        int props =
                actualBodyLength
                        | (encryption << 10)
                        | (subpackaged ? 0x2000 : 0)
                        | (is2019() ? 0x4000 : 0);
        byte[] phoneBcd = Bcd.encode(phone, is2019() ? 10 : 6);
        byte[] out = new byte[4 + (is2019() ? 1 : 0) + phoneBcd.length + 2 + (subpackaged ? 4 : 0)];
        int n = 0;
        out[n++] = (byte) (messageId >> 8);
        out[n++] = (byte) messageId;
        out[n++] = (byte) (props >> 8);
        out[n++] = (byte) props;
        if (is2019()) {
            out[n++] = (byte) protocolVersion;
        }
        System.arraycopy(phoneBcd, 0, out, n, phoneBcd.length);
        n += phoneBcd.length;
        out[n++] = (byte) (serial >> 8);
        out[n++] = (byte) serial;
        if (subpackaged) {
            out[n++] = (byte) (total >> 8);
            out[n++] = (byte) total;
            out[n++] = (byte) (index >> 8);
            out[n++] = (byte) index;
        }
        return out;
    }

    /** A plain (not sub-packaged, not encrypted) header for a message to or from {@code phone}. */
    public static Header of(int messageId, String phone, int serial, int protocolVersion) {
        return new Header(messageId, 0, 0, false, protocolVersion, phone, serial, 0, 0, 0);
    }
}
