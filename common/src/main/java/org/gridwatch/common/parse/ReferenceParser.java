package org.gridwatch.common.parse;

import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.reference.ReferenceRejected;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Parses {@code gridwatch.reference} records; the payload is kept as JSON text for the job that
 * applies it. Each update is applied once to an empty reference here, so that one the jobs would
 * refuse (unknown kind or rule key, bad geometry, rule value out of range, undecodable payload)
 * goes to the dead letter with its reason instead of into every job, and the reference in force
 * stays as it was.
 */
public final class ReferenceParser extends RecordParser<ReferenceUpdate> {
    private static final long serialVersionUID = 1L;

    /** The city's bounds positions must lie in; null: anywhere in China. */
    private final CityBounds bounds;

    /** A parser that checks event times against the system clock (the one Flink jobs use). */
    public ReferenceParser(ParseLimits limits) {
        this(limits, (CityBounds) null);
    }

    /**
     * As {@link #ReferenceParser(ParseLimits)}, refusing positions outside {@code bounds} (null:
     * China).
     */
    public ReferenceParser(ParseLimits limits, CityBounds bounds) {
        super(limits, null);
        this.bounds = bounds;
    }

    /**
     * As {@link #ReferenceParser(ParseLimits, CityBounds)}, reading local times without an offset
     * in {@code zone}.
     */
    public ReferenceParser(ParseLimits limits, CityBounds bounds, java.time.ZoneId zone) {
        super(limits, null, zone);
        this.bounds = bounds;
    }

    /** A parser with its own clock, for tests; not serializable into a Flink job. */
    public ReferenceParser(ParseLimits limits, LongSupplier clock) {
        this(limits, clock, null);
    }

    /** A parser with its own clock and bounds, for tests. */
    public ReferenceParser(ParseLimits limits, LongSupplier clock, CityBounds bounds) {
        super(limits, clock);
        this.bounds = bounds;
    }

    @Override
    ReferenceUpdate read(JsonFields f, long latestEventTime) throws InvalidInputException {
        String kind = f.id("kind", 32).toUpperCase(Locale.ROOT);
        String id = f.id("id", 128);
        String op = f.has("op") ? f.text("op", 16).toUpperCase(Locale.ROOT) : "UPSERT";
        if (!op.equals("UPSERT") && !op.equals("DELETE")) {
            throw new InvalidInputException(
                    ReasonCodes.BAD_ENUM, "field 'op' = '" + op + "' is not UPSERT or DELETE");
        }
        long time = f.time("time", latestEventTime);
        String payload = f.rawJson("payload");
        if (op.equals("UPSERT") && payload == null) {
            throw new InvalidInputException(
                    ReasonCodes.MISSING_FIELD, "field 'payload' is required for UPSERT");
        }
        if (!CityReference.KINDS.contains(kind)) {
            throw new InvalidInputException(
                    ReasonCodes.UNKNOWN_KIND,
                    "kind '"
                            + JsonFields.clip(kind)
                            + "' is not one of "
                            + CityReference.KINDS.stream().sorted().toList());
        }
        ReferenceUpdate update = new ReferenceUpdate(kind, id, op, time, payload);
        try {
            // Decoding once here sends an unusable payload to the dead letter instead of into every
            // job.
            new CityReference(ZoneOffset.UTC, bounds).apply(update);
        } catch (ReferenceRejected e) {
            throw new InvalidInputException(
                    e.reasonCode(), kind + " '" + JsonFields.clip(id) + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    ReasonCodes.BAD_REFERENCE, kind + " '" + id + "': " + e.getMessage());
        }
        return update;
    }
}
