package org.gridwatch.common.parse;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.ReasonCodes;

import java.util.function.LongSupplier;

/**
 * Reads one record of {@code gridwatch.documents} (written by {@code EsWriteRequests}): an
 * Elasticsearch write to a {@code gridwatch-*} index with its id, external version and source.
 */
public final class DocumentWriteParser extends RecordParser<EsWriteRequest> {
    private static final long serialVersionUID = 1L;

    /** Alert documents carry their evidence: allow more than an input event. */
    public static final ParseLimits LIMITS =
            new ParseLimits(1 << 20, ParseLimits.DEFAULTS.maxFutureMs(), 1 << 20);

    public DocumentWriteParser() {
        this(null);
    }

    DocumentWriteParser(LongSupplier clock) {
        super(LIMITS, clock);
    }

    @Override
    EsWriteRequest read(JsonFields f, long latestEventTime) throws InvalidInputException {
        String index = f.text("index", 255);
        if (!index.startsWith("gridwatch-")) {
            throw new InvalidInputException(
                    ReasonCodes.OUT_OF_RANGE,
                    "index '" + JsonFields.clip(index) + "' is not a gridwatch-* index");
        }
        String id = f.text("id", 512);
        String source = f.text("source", LIMITS.maxTextLength());
        Double version = f.optionalNumber("version", -1, 9.0e15);
        return new EsWriteRequest(
                index,
                id,
                source,
                version == null ? EsWriteRequest.NO_VERSION : version.longValue());
    }
}
