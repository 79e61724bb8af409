package org.gridwatch.common.parse;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;

/** Parses {@code gridwatch.reference} records; the payload is kept as JSON text for the job that applies it. */
public final class ReferenceParser extends RecordParser<ReferenceUpdate> {
    private static final long serialVersionUID = 1L;

    /** A parser that checks event times against the system clock (the one Flink jobs use). */
    public ReferenceParser(ParseLimits limits) {
        super(limits, null);
    }

    /** A parser with its own clock, for tests; not serializable into a Flink job. */
    public ReferenceParser(ParseLimits limits, LongSupplier clock) {
        super(limits, clock);
    }

    @Override
    ReferenceUpdate read(JsonFields f, long latestEventTime) throws InvalidInputException {
        String kind = f.id("kind", 32).toUpperCase(Locale.ROOT);
        String id = f.id("id", 128);
        String op = f.has("op") ? f.text("op", 16).toUpperCase(Locale.ROOT) : "UPSERT";
        if (!op.equals("UPSERT") && !op.equals("DELETE")) {
            throw new InvalidInputException(ReasonCodes.BAD_ENUM, "field 'op' = '" + op + "' is not UPSERT or DELETE");
        }
        long time = f.time("time", latestEventTime);
        String payload = f.rawJson("payload");
        if (op.equals("UPSERT") && payload == null) {
            throw new InvalidInputException(ReasonCodes.MISSING_FIELD, "field 'payload' is required for UPSERT");
        }
        ReferenceUpdate update = new ReferenceUpdate(kind, id, op, time, payload);
        try {
            // Decoding once here sends an unusable payload to the dead letter instead of into every job.
            new CityReference(ZoneOffset.UTC).apply(update);
        } catch (RuntimeException e) {
            throw new InvalidInputException(ReasonCodes.BAD_REFERENCE, kind + " '" + id + "': " + e.getMessage());
        }
        return update;
    }
}
