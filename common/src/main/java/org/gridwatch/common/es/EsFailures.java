package org.gridwatch.common.es;

/**
 * What to do with a bulk item that failed, by HTTP status. Overload and server trouble pass, so
 * they are retried; a version conflict on an externally versioned write means a newer version is
 * already stored, which is success; anything else (mapping errors, bad documents) will fail the
 * same way forever and goes to the dead letter.
 */
public final class EsFailures {
    public enum Action {
        RETRY,
        ALREADY_NEWER,
        REJECT
    }

    private EsFailures() {}

    public static Action classify(int status, boolean externallyVersioned) {
        if (status == 409 && externallyVersioned) {
            return Action.ALREADY_NEWER;
        }
        if (status == 429 || status == 408 || status >= 500) {
            return Action.RETRY;
        }
        return Action.REJECT;
    }

    /** Exponential back-off: 100 ms, 200 ms, ... capped at 10 s. */
    public static long backoffMs(int consecutiveFailures) {
        int n = Math.max(0, Math.min(consecutiveFailures, 20));
        return Math.min(10_000L, 100L << Math.min(n, 10));
    }
}
