package org.gridwatch.common.parse;

import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ShopViolation;

import java.util.function.LongSupplier;

/**
 * Parses {@code gridwatch.iot} records. Noise readings need a level; sound pressure levels outside
 * 0..160 dB(A), or an Lmax below the interval's LAeq, cannot be real measurements. A shop-front
 * detection ({@code SHOP_VIOLATION}) needs a position and the violation seen, since it is
 * attributed to a shop by where it is; an inspection ({@code SHOP_INSPECTION}) needs the shop it
 * names or a position to attribute it by, and has no violation when the shop was in order. An
 * inspection naming its shop without a position has NaN lat/lon.
 */
public final class IotParser extends RecordParser<IotEvent> {
    private static final long serialVersionUID = 1L;

    /** Object-store URLs with signed query strings run to several hundred characters. */
    static final int MAX_PHOTO_URL_LENGTH = 2048;

    /** A parser that checks event times against the system clock (the one Flink jobs use). */
    public IotParser(ParseLimits limits) {
        super(limits, null);
    }

    /** A parser with its own clock, for tests; not serializable into a Flink job. */
    public IotParser(ParseLimits limits, LongSupplier clock) {
        super(limits, clock);
    }

    /**
     * A parser that reads local event times without an offset in {@code zone}, the city's time zone
     * ({@link org.gridwatch.common.config.JobSettings#cityZone()}); the constructors without a zone
     * use {@link RecordParser#DEFAULT_ZONE}.
     */
    public IotParser(ParseLimits limits, java.time.ZoneId zone) {
        super(limits, null, zone);
    }

    /** A parser with its own clock and zone, for tests; not serializable into a Flink job. */
    public IotParser(ParseLimits limits, LongSupplier clock, java.time.ZoneId zone) {
        super(limits, clock, zone);
    }

    @Override
    IotEvent read(JsonFields f, long latestEventTime) throws InvalidInputException {
        String deviceId = f.id("deviceId", 64);
        IotEventKind kind = f.enumValue("kind", IotEventKind.class);
        long time = f.time("time", latestEventTime);
        String shopId = blankAsNull(f.optionalId("shopId", 64));
        ShopViolation violation =
                f.optionalEnum("violation", ShopViolation.class, ShopViolation::nameZh);
        if (kind == IotEventKind.SHOP_VIOLATION && violation == null) {
            throw new InvalidInputException(
                    ReasonCodes.MISSING_FIELD, "field 'violation' is required for SHOP_VIOLATION");
        }
        double[] latLon = {Double.NaN, Double.NaN};
        if (kind != IotEventKind.SHOP_INSPECTION || f.has("lat") || f.has("lon")) {
            latLon = f.latLon();
        } else if (shopId == null) {
            throw new InvalidInputException(
                    ReasonCodes.MISSING_FIELD,
                    "a SHOP_INSPECTION needs field 'shopId' or fields 'lat' and 'lon'");
        }
        // Not a ternary: "cond ? double : Double" unboxes, and an absent laeq on a detection threw
        // an NPE.
        Double laeq = f.optionalNumber("laeq", 0, 160);
        if (kind == IotEventKind.NOISE_READING && laeq == null) {
            throw new InvalidInputException(
                    ReasonCodes.MISSING_FIELD, "field 'laeq' is required for NOISE_READING");
        }
        Double lmax = f.optionalNumber("lmax", 0, 180);
        if (laeq != null && lmax != null && lmax < laeq) {
            throw new InvalidInputException(
                    ReasonCodes.OUT_OF_RANGE,
                    "field 'lmax' = "
                            + lmax
                            + " is below 'laeq' = "
                            + laeq
                            + ", which cannot be measured");
        }
        return new IotEvent(
                deviceId,
                kind,
                time,
                latLon[0],
                latLon[1],
                f.optionalId("spotId", 64),
                f.optionalNumber("confidence", 0, 1),
                laeq,
                lmax,
                f.optionalInt("interval", 1, 3600),
                shopId,
                violation,
                blankAsNull(f.optionalText("photoUrl", MAX_PHOTO_URL_LENGTH)));
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
