package org.gridwatch.common.parse;

import java.io.Serializable;

/**
 * Bounds on what input is accepted.
 *
 * @param maxRecordBytes larger records are dead-lettered as too_large
 * @param maxFutureMs event times later than now plus this are dead-lettered (clock skew tolerance)
 * @param maxTextLength longest free-text field accepted
 */
public record ParseLimits(int maxRecordBytes, long maxFutureMs, int maxTextLength)
        implements Serializable {
    public static final ParseLimits DEFAULTS = new ParseLimits(64 * 1024, 5 * 60_000L, 4000);

    public ParseLimits {
        if (maxRecordBytes <= 0 || maxFutureMs < 0 || maxTextLength <= 0) {
            throw new IllegalArgumentException(
                    "parse limits must be positive: "
                            + maxRecordBytes
                            + ", "
                            + maxFutureMs
                            + ", "
                            + maxTextLength);
        }
    }
}
