package org.gridwatch.common.parse;

/**
 * Why one input record cannot be used. Thrown by the parsers, turned into a dead letter by the
 * caller.
 */
public final class InvalidInputException extends Exception {
    private final String reasonCode;

    public InvalidInputException(String reasonCode, String message) {
        super(message, null, false, false); // no stack trace: bad input is routine, not a bug
        this.reasonCode = reasonCode;
    }

    /** Stable short code used as metric label and in the dead-letter record. */
    public String reasonCode() {
        return reasonCode;
    }
}
