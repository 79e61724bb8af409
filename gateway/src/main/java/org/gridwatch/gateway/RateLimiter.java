package org.gridwatch.gateway;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. One per
 * connection, used on its event loop only (not thread-safe). Time comes in as an argument so tests
 * need no clock.
 */
public final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(int ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token is available (0 when one is). */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    private void refill(long nowNanos) {
        long dt = nowNanos - last;
        if (dt > 0) {
            tokens = Math.min(burst, tokens + dt * ratePerNano);
            last = nowNanos;
        }
    }
}
