package org.gridwatch.gateway.codec;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;

/** Terminal-side frames built by the layouts of the standard, for tests. */
public final class TestFrames {
    public static final String PHONE = "013912345678";
    public static final String PHONE_2019 = "00000000013912345678";
    public static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z"); // 16:00 in Shanghai
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private TestFrames() {}

    /**
     * A 0x0200 body: 28 fixed bytes then the given additional items (already id, length, value).
     */
    public static byte[] location(
            long alarm,
            long status,
            long latE6,
            long lonE6,
            int altitude,
            int speed10,
            int heading,
            Instant t,
            byte[]... items) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        dword(o, alarm);
        dword(o, status);
        dword(o, latE6);
        dword(o, lonE6);
        word(o, altitude);
        word(o, speed10);
        word(o, heading);
        o.writeBytes(Bcd.time(t.toEpochMilli(), CHINA));
        for (byte[] i : items) {
            o.writeBytes(i);
        }
        return o.toByteArray();
    }

    /** A simple Shanghai fix: ACC on, positioned, full load, 36.5 km/h, heading 90. */
    public static byte[] shanghai(Instant t) {
        return location(0, 0x0303, 31_230_416, 121_473_701, 12, 365, 90, t);
    }

    public static byte[] item(int id, String hexValue) {
        byte[] v = Hex.bytes(hexValue);
        byte[] out = new byte[v.length + 2];
        out[0] = (byte) id;
        out[1] = (byte) v.length;
        System.arraycopy(v, 0, out, 2, v.length);
        return out;
    }

    /** A 0x0704 body: count, type 0, then length-prefixed location bodies. */
    public static byte[] batch(byte[]... locations) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        word(o, locations.length);
        o.write(0);
        for (byte[] l : locations) {
            word(o, l.length);
            o.writeBytes(l);
        }
        return o.toByteArray();
    }

    /** A whole escaped frame from a 2013 terminal. */
    public static byte[] frame(int messageId, int serial, byte[] body) {
        return Packet.encode(Header.of(messageId, PHONE, serial, -1), body);
    }

    /** A whole escaped frame from a 2019 terminal (version 1, 20-digit phone). */
    public static byte[] frame2019(int messageId, int serial, byte[] body) {
        return Packet.encode(Header.of(messageId, PHONE_2019, serial, 1), body);
    }

    /** Part {@code index} of {@code total} of a sub-packaged message. */
    public static byte[] part(int messageId, int serial, int total, int index, byte[] bodyPart) {
        return Packet.encode(
                new Header(messageId, 0, 0, true, -1, PHONE, serial, total, index, 0), bodyPart);
    }

    public static void word(ByteArrayOutputStream o, int v) {
        o.write(v >> 8);
        o.write(v);
    }

    public static void dword(ByteArrayOutputStream o, long v) {
        o.write((int) (v >> 24));
        o.write((int) (v >> 16));
        o.write((int) (v >> 8));
        o.write((int) v);
    }
}
