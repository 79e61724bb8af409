package org.gridwatch.common.parse;

import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;

import java.util.function.LongSupplier;

/**
 * Parses {@code gridwatch.gps} records (schemas/topics/gridwatch.gps.schema.json).
 *
 * <p>Speed is capped at 250 km/h: no vehicle GridWatch watches goes faster in a city, and larger
 * values are decoding errors (for instance 1/10 km/h units read as km/h).
 */
public final class GpsParser extends RecordParser<GpsPing> {
    private static final long serialVersionUID = 1L;
    static final double MAX_SPEED_KMH = 250;

    /** A parser that checks event times against the system clock (the one Flink jobs use). */
    public GpsParser(ParseLimits limits) {
        super(limits, null);
    }

    /** A parser with its own clock, for tests; not serializable into a Flink job. */
    public GpsParser(ParseLimits limits, LongSupplier clock) {
        super(limits, clock);
    }

    /**
     * A parser that reads local event times without an offset in {@code zone}, the city's time zone
     * ({@link org.gridwatch.common.config.JobSettings#cityZone()}); the constructors without a zone
     * use {@link RecordParser#DEFAULT_ZONE}.
     */
    public GpsParser(ParseLimits limits, java.time.ZoneId zone) {
        super(limits, null, zone);
    }

    /** A parser with its own clock and zone, for tests; not serializable into a Flink job. */
    public GpsParser(ParseLimits limits, LongSupplier clock, java.time.ZoneId zone) {
        super(limits, clock, zone);
    }

    @Override
    GpsPing read(JsonFields f, long latestEventTime) throws InvalidInputException {
        String entityId = f.id("entityId", 64);
        EntityType type = f.enumValue("entityType", EntityType.class);
        long time = f.time("time", latestEventTime);
        double[] latLon = f.latLon();
        Double speed = f.optionalNumber("speed", 0, MAX_SPEED_KMH);
        Integer heading = f.optionalInt("heading", 0, 360);
        return new GpsPing(
                entityId,
                type,
                time,
                latLon[0],
                latLon[1],
                speed == null ? 0 : speed,
                heading == null ? 0 : heading % 360,
                f.optionalNumber("accuracy", 0, 100_000),
                f.optionalUnsigned32("status"),
                f.optionalUnsigned32("alarm"),
                f.optionalId("plate", 32),
                f.has("source") ? f.optionalText("source", 32) : "unknown",
                speed == null);
    }
}
