package org.gridwatch.common.parse;

import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;

import java.util.function.LongSupplier;

/**
 * Parses {@code gridwatch.hotline} records. A RECEIVED complaint must say where (lat and lon, or an
 * address, or both), what and through which channel; later lifecycle steps need only the case id,
 * the step and the time. {@code shopId} names a shop on file (一店一档) and {@code outcome} the
 * enforcement outcome of a CLOSED case; both are optional, trimmed, and blank means absent.
 */
public final class HotlineParser extends RecordParser<HotlineEvent> {
    private static final long serialVersionUID = 1L;

    /** A year of working minutes is far beyond any case time limit. */
    static final int MAX_TIME_LIMIT_MINUTES = 366 * 24 * 60;

    /** Longer than any door-plate address (province to room is well under 100 characters). */
    static final int MAX_ADDRESS_LENGTH = 200;

    /**
     * An enforcement outcome is a code (WARNED, RECTIFICATION_ORDERED, FINED, NO_VIOLATION, or a
     * platform's own), not prose; the case text carries the prose.
     */
    static final int MAX_OUTCOME_LENGTH = 64;

    /** A parser that checks event times against the system clock (the one Flink jobs use). */
    public HotlineParser(ParseLimits limits) {
        super(limits, null);
    }

    /** A parser with its own clock, for tests; not serializable into a Flink job. */
    public HotlineParser(ParseLimits limits, LongSupplier clock) {
        super(limits, clock);
    }

    /**
     * A parser that reads local event times without an offset in {@code zone}, the city's time zone
     * ({@link org.gridwatch.common.config.JobSettings#cityZone()}); the constructors without a zone
     * use {@link RecordParser#DEFAULT_ZONE}.
     */
    public HotlineParser(ParseLimits limits, java.time.ZoneId zone) {
        super(limits, null, zone);
    }

    /** A parser with its own clock and zone, for tests; not serializable into a Flink job. */
    public HotlineParser(ParseLimits limits, LongSupplier clock, java.time.ZoneId zone) {
        super(limits, clock, zone);
    }

    @Override
    HotlineEvent read(JsonFields f, long latestEventTime) throws InvalidInputException {
        String eventId = f.id("eventId", 64);
        String caseId = f.id("caseId", 64);
        CaseEventKind kind = f.enumValue("kind", CaseEventKind.class);
        long time = f.time("time", latestEventTime);
        boolean complaint = kind == CaseEventKind.RECEIVED;
        String channel = complaint ? f.text("channel", 32) : f.optionalText("channel", 32);
        String category = complaint ? f.text("category", 64) : f.optionalText("category", 64);
        String address = f.optionalText("address", MAX_ADDRESS_LENGTH);
        if (address != null && address.isBlank()) {
            address = null; // a blank address says nowhere: the coordinates are required as before
        }
        double lat = Double.NaN;
        double lon = Double.NaN;
        // Hotline exports often give only an address; such a complaint is located later, from the
        // city's address table (cases detection), instead of being refused here.
        if (complaint && address == null || f.has("lat") || f.has("lon")) {
            double[] latLon = f.latLon();
            lat = latLon[0];
            lon = latLon[1];
        }
        return new HotlineEvent(
                eventId,
                caseId,
                kind,
                channel,
                time,
                category,
                lat,
                lon,
                f.optionalText("district", 64),
                f.optionalId("gridCode", 64),
                f.optionalInt("timeLimitMinutes", 1, MAX_TIME_LIMIT_MINUTES),
                f.optionalId("spotId", 64),
                f.optionalText("text", limits().maxTextLength()),
                address,
                trimmed(f.optionalId("shopId", 64)),
                trimmed(f.optionalText("outcome", MAX_OUTCOME_LENGTH)));
    }

    /** Blank is the same as absent: exports write empty cells as "". */
    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
