package org.gridwatch.console;

/** A request the API refuses with this HTTP status and message (a JSON error body). */
public class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
