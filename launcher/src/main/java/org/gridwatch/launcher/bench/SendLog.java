package org.gridwatch.launcher.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each event was produced to Kafka (wall clock), by its Kafka key (the entity, device or
 * ticket) and event time: the link from an alert revision back to the event that triggered it. An
 * alert names its entity and the event time of the input that produced it, so (entity, event time)
 * finds that input's send time; an alert revision matching nothing the feed sent was not triggered
 * by a sent event (a timer: an overdue case, an uncovered grid's tick, a lost signal).
 *
 * <p>One writer (the feed), any number of readers. Entries older than {@code retentionMs} are
 * dropped as new ones come, so memory stays bounded on long runs; an alert arriving later than that
 * after its event is no longer linked.
 */
public final class SendLog {
    private record Sent(long wallMs, String id) {}

    private final long retentionMs;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Deque<Sent> byAge = new ArrayDeque<>();

    public SendLog(long retentionMs) {
        if (retentionMs <= 0) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.retentionMs = retentionMs;
    }

    /**
     * The event keyed {@code key} with event time {@code eventTime} was produced at {@code wallMs}.
     * A second send of the same event (a duplicate the simulator injects) keeps the first time.
     */
    public void sent(String key, long eventTime, long wallMs) {
        if (key == null) {
            return;
        }
        String id = id(key, eventTime);
        if (sentAt.putIfAbsent(id, wallMs) == null) {
            byAge.addLast(new Sent(wallMs, id));
        }
        while (!byAge.isEmpty() && byAge.peekFirst().wallMs() < wallMs - retentionMs) {
            sentAt.remove(byAge.pollFirst().id());
        }
    }

    /** When the event keyed {@code key} at {@code eventTime} was produced, or -1 if it was not. */
    public long sentAt(String key, long eventTime) {
        if (key == null) {
            return -1;
        }
        Long at = sentAt.get(id(key, eventTime));
        return at == null ? -1 : at;
    }

    /** Events remembered now. */
    public int size() {
        return sentAt.size();
    }

    private static String id(String key, long eventTime) {
        return key + '@' + eventTime;
    }
}
