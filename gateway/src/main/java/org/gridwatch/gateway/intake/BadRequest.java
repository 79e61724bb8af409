package org.gridwatch.gateway.intake;

/**
 * Input the intake refuses, naming the field; answered 400 (Open311 error JSON on the Open311
 * paths).
 */
public final class BadRequest extends Exception {
    private final String field;
    private final int status;

    public BadRequest(String field, String message) {
        this(400, field, message);
    }

    /** With another 4xx status, e.g. 415 for a content type the endpoint does not read. */
    public BadRequest(int status, String field, String message) {
        super(message, null, false, false); // routine, no stack trace
        this.field = field;
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }
}
