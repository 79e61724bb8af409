package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * Decodes location bodies: 0x0200 (28 fixed bytes, then additional items {@code id BYTE, length
 * BYTE, value}) and 0x0704 batches ({@code count WORD, type BYTE}, then per item {@code length
 * WORD} and a 0x0200 body).
 */
public final class LocationDecoder {
    private static final HexFormat HEX = HexFormat.of();
    private final ZoneId zone;
    private final int liftItemId;

    /**
     * @param zone the zone of the terminals' BCD times (GMT+8 by the standard)
     * @param liftItemId the vendor additional item that reports the cargo box lifted (its first
     *     byte non-zero), or -1 when the terminals report it in a status bit instead
     */
    public LocationDecoder(ZoneId zone, int liftItemId) {
        this.zone = zone;
        this.liftItemId = liftItemId;
    }

    public Location decode(byte[] body) {
        return decode(body, 0, body.length);
    }

    Location decode(byte[] b, int off, int len) {
        BodyReader r = new BodyReader(b, off, len, "location body");
        long alarm = r.u32();
        long status = r.u32();
        long latRaw = r.u32();
        long lonRaw = r.u32();
        int altitude = r.u16();
        int speed = r.u16();
        int heading = r.u16();
        long time = r.bcdTime(zone);
        // Latitude and longitude are unsigned; the hemisphere is in status bits 2 (south) and 3
        // (west).
        double lat = latRaw / 1e6 * ((status & 4) != 0 ? -1 : 1);
        double lon = lonRaw / 1e6 * ((status & 8) != 0 ? -1 : 1);
        if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_BAD_BODY,
                    String.format("latitude %.6f / longitude %.6f out of range", lat, lon));
        }
        Double mileage = null;
        Double fuel = null;
        Double recorderSpeed = null;
        Long signals = null;
        Integer rssi = null;
        Integer satellites = null;
        Boolean lifted = null;
        TreeMap<String, String> other = new TreeMap<>();
        while (r.remaining() > 0) {
            if (r.remaining() < 2) {
                throw new Jt808Exception(
                        ReasonCodes.JT808_TRUNCATED, "additional item cut after its id");
            }
            int id = r.u8();
            int itemLen = r.u8();
            byte[] v = r.bytes(itemLen);
            if (id == liftItemId && itemLen >= 1) {
                lifted = v[0] != 0;
                continue;
            }
            // A standard id with an unexpected length is kept raw rather than misread: vendors
            // reuse ids.
            if (id == 0x01 && itemLen == 4) {
                mileage = u32(v) / 10.0;
            } else if (id == 0x02 && itemLen == 2) {
                fuel = u16(v) / 10.0;
            } else if (id == 0x03 && itemLen == 2) {
                recorderSpeed = u16(v) / 10.0;
            } else if (id == 0x25 && itemLen == 4) {
                signals = u32(v);
            } else if (id == 0x30 && itemLen == 1) {
                rssi = v[0] & 0xff;
            } else if (id == 0x31 && itemLen == 1) {
                satellites = v[0] & 0xff;
            } else {
                other.put(String.format("%02x", id), HEX.formatHex(v));
            }
        }
        return new Location(
                alarm,
                status,
                lat,
                lon,
                altitude,
                speed / 10.0,
                heading % 360,
                time,
                mileage,
                fuel,
                recorderSpeed,
                signals,
                rssi,
                satellites,
                lifted,
                other);
    }

    /**
     * The items of a 0x0704 batch. A bad item does not spoil the others: it goes to {@code bad}
     * with the exception and its bytes, and decoding goes on with the next item as long as the item
     * lengths still fit the body.
     */
    public List<Location> decodeBatch(byte[] body, BatchErrorHandler bad) {
        BodyReader r = new BodyReader(body, 0, body.length, "batch body");
        int count = r.u16();
        r.u8(); // type: 0 regular batch, 1 blind-area backfill; both are plain positions for
        // GridWatch
        List<Location> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int itemLen = r.u16();
            int start = r.position();
            byte[] item = r.bytes(itemLen);
            try {
                out.add(decode(body, start, itemLen));
            } catch (Jt808Exception e) {
                bad.accept(i, item, e);
            }
        }
        if (r.remaining() != 0) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_BAD_BODY,
                    count + " batch items leave " + r.remaining() + " byte(s) of the body unread");
        }
        return out;
    }

    /** What to do with a batch item that cannot be decoded. */
    @FunctionalInterface
    public interface BatchErrorHandler {
        void accept(int index, byte[] item, Jt808Exception error);
    }

    private static long u32(byte[] v) {
        return ((long) (v[0] & 0xff) << 24)
                | ((v[1] & 0xff) << 16)
                | ((v[2] & 0xff) << 8)
                | (v[3] & 0xff);
    }

    private static int u16(byte[] v) {
        return ((v[0] & 0xff) << 8) | (v[1] & 0xff);
    }
}
