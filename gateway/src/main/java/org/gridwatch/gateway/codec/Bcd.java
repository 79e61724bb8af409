package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Packed BCD as JT/T 808 uses it: terminal phone numbers and {@code YYMMDDhhmmss} times. */
public final class Bcd {
    private Bcd() {}

    /** The digits of {@code len} BCD bytes; a nibble above 9 is a malformed message. */
    public static String decode(byte[] b, int off, int len) {
        char[] out = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            int hi = v >>> 4;
            int lo = v & 0x0f;
            if (hi > 9 || lo > 9) {
                throw new Jt808Exception(
                        ReasonCodes.JT808_BAD_BODY,
                        String.format(
                                "BCD byte 0x%02x at offset %d is not two decimal digits",
                                v, off + i));
            }
            out[2 * i] = (char) ('0' + hi);
            out[2 * i + 1] = (char) ('0' + lo);
        }
        return new String(out);
    }

    /**
     * {@code digits} as {@code len} BCD bytes, left-padded with zeros (the standard pads phones
     * that way).
     */
    public static byte[] encode(String digits, int len) {
        if (digits.length() > len * 2 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "not " + len * 2 + " decimal digits at most: " + digits);
        }
        String padded = "0".repeat(len * 2 - digits.length()) + digits;
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] =
                    (byte) (((padded.charAt(2 * i) - '0') << 4) | (padded.charAt(2 * i + 1) - '0'));
        }
        return out;
    }

    /**
     * A BCD[6] {@code YYMMDDhhmmss} time as epoch milliseconds. Terminals report local time without
     * an offset (GMT+8 by the standard), so the zone comes from configuration. Years are 2000-2099.
     */
    public static long time(byte[] b, int off, ZoneId zone) {
        String s = decode(b, off, 6);
        try {
            LocalDateTime t =
                    LocalDateTime.of(
                            2000 + Integer.parseInt(s.substring(0, 2)),
                            Integer.parseInt(s.substring(2, 4)),
                            Integer.parseInt(s.substring(4, 6)),
                            Integer.parseInt(s.substring(6, 8)),
                            Integer.parseInt(s.substring(8, 10)),
                            Integer.parseInt(s.substring(10, 12)));
            return t.atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_BAD_BODY,
                    "BCD time " + s + " is not a valid YYMMDDhhmmss time");
        }
    }

    /**
     * Local time as BCD[6] {@code YYMMDDhhmmss} (for test frames and the benchmark's terminals).
     */
    public static byte[] time(long epochMillis, ZoneId zone) {
        LocalDateTime t =
                LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), zone);
        return encode(
                String.format(
                        "%02d%02d%02d%02d%02d%02d",
                        t.getYear() % 100,
                        t.getMonthValue(),
                        t.getDayOfMonth(),
                        t.getHour(),
                        t.getMinute(),
                        t.getSecond()),
                6);
    }

    /**
     * One spelling per terminal: leading zeros dropped, then padded back to 12 digits. A terminal
     * that reports {@code 013912345678} under the 2013 header reports {@code 00000000013912345678}
     * under the 2019 one; both become {@code 013912345678}.
     */
    public static String canonicalPhone(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        String s = digits.substring(i);
        return s.length() >= 12 ? s : "0".repeat(12 - s.length()) + s;
    }
}
