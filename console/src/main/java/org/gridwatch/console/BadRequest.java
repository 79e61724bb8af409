package org.gridwatch.console;

/** A request the API refuses with HTTP 400 and this message. */
public final class BadRequest extends ApiError {
    public BadRequest(String message) {
        super(400, message);
    }
}
