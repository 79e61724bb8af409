package org.gridwatch.common.flink;

import org.gridwatch.common.parse.InvalidInputException;

/**
 * The outcome of the latest parse on this thread, keyed by the identity of the record's bytes. The
 * source's timestamp assigner and the parse function run one after the other on the same thread
 * when chained (they always are in GridWatch), so the parse function finds the record it is given
 * here and does not parse it again; if they ever run apart, the identity check fails and it simply
 * parses.
 */
final class LastParse {
    private static final ThreadLocal<LastParse> CURRENT = ThreadLocal.withInitial(LastParse::new);

    private byte[] raw;
    private Object event;
    private InvalidInputException error;

    private LastParse() {}

    static void remember(byte[] raw, Object event, InvalidInputException error) {
        LastParse p = CURRENT.get();
        p.raw = raw;
        p.event = event;
        p.error = error;
    }

    static void forget() {
        CURRENT.get().raw = null;
    }

    /** The remembered outcome for exactly these bytes, or null; consumed by the call. */
    static LastParse take(byte[] raw) {
        LastParse p = CURRENT.get();
        if (p.raw == null || p.raw != raw) {
            return null;
        }
        p.raw = null;
        return p;
    }

    Object event() {
        return event;
    }

    InvalidInputException error() {
        return error;
    }
}
