package org.gridwatch.stack;

/** A local-stack component could not start or stop; the message tells the user what to do. */
public final class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
