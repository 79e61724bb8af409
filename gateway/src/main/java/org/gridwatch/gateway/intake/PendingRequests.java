package org.gridwatch.gateway.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Open311 requests this intake accepted, remembered (at most {@code capacity}, oldest forgotten
 * first) so that {@code GET /requests/{id}.json} can answer "open, received" before the case job
 * has written the case. Held in memory only: after a restart such a request is unknown (404) until
 * its case is indexed, which normally takes seconds.
 */
public final class PendingRequests {
    /** What is known of an accepted request. */
    public record Accepted(Open311Input input, long receivedAtMs) {}

    private final Map<String, Accepted> byId;

    public PendingRequests(int capacity) {
        this.byId =
                new LinkedHashMap<>(16, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Accepted> eldest) {
                        return size() > capacity;
                    }
                };
    }

    public synchronized void add(String id, Accepted a) {
        byId.put(id, a);
    }

    public synchronized Accepted find(String id) {
        return byId.get(id);
    }
}
