package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

import java.nio.charset.Charset;

/**
 * A bounds-checked big-endian cursor over a message body: reading past the end is a truncated body.
 */
final class BodyReader {
    static final Charset GBK = Charset.forName("GBK");

    private final byte[] b;
    private final int end;
    private int pos;
    private final String what;

    BodyReader(byte[] b, int off, int len, String what) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
        this.what = what;
    }

    int remaining() {
        return end - pos;
    }

    int position() {
        return pos;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_TRUNCATED,
                    what + " ends at byte " + pos + ", " + n + " more byte(s) needed");
        }
    }

    int u8() {
        need(1);
        return b[pos++] & 0xff;
    }

    int u16() {
        need(2);
        int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    long u32() {
        need(4);
        long v =
                ((long) (b[pos] & 0xff) << 24)
                        | ((b[pos + 1] & 0xff) << 16)
                        | ((b[pos + 2] & 0xff) << 8)
                        | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    /**
     * A fixed-width text field: the standard pads with 0x00 (some terminals with spaces); both are
     * dropped.
     */
    String text(int n, Charset cs) {
        need(n);
        int len = n;
        while (len > 0 && (b[pos + len - 1] == 0 || b[pos + len - 1] == ' ')) {
            len--;
        }
        String s = new String(b, pos, len, cs);
        pos += n;
        return s;
    }

    String bcd(int n) {
        need(n);
        String s = Bcd.decode(b, pos, n);
        pos += n;
        return s;
    }

    long bcdTime(java.time.ZoneId zone) {
        need(6);
        long t = Bcd.time(b, pos, zone);
        pos += 6;
        return t;
    }
}
