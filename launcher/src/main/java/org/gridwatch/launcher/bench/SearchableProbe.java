package org.gridwatch.launcher.bench;

import org.gridwatch.launcher.stack.EsQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When each counted alert revision becomes searchable in Elasticsearch: polls the alert index by
 * alert id, a few times a second, until a search returns the document at that revision or a later
 * one (the revision is the document's external version), and records the latency from the
 * triggering event's production, per alert type. The polling period bounds the resolution.
 */
public final class SearchableProbe implements AutoCloseable {
    /** How often the pending ids are searched for. */
    static final long POLL_MS = 200;

    /** A revision not searchable this long after its event is given up on and counted apart. */
    static final long GIVE_UP_MS = 120_000;

    /** Ids per search request. */
    private static final int BATCH = 500;

    private final EsQueries es;
    private final String index;
    private final LatencyRecorder latencies;
    private final ConcurrentLinkedQueue<AlertLatencyProbe.Linked> arrived =
            new ConcurrentLinkedQueue<>();
    private final Map<String, List<AlertLatencyProbe.Linked>> pending = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long givenUp;
    private volatile String lastError;
    private volatile int pendingCount;

    public SearchableProbe(EsQueries es, String index, LatencyRecorder latencies) {
        this.es = es;
        this.index = index;
        this.latencies = latencies;
        thread = new Thread(this::run, "gridwatch-latency-searchable");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts looking for this revision (called by the alert consumer). */
    public void watch(AlertLatencyProbe.Linked revision) {
        arrived.add(revision);
    }

    private void run() {
        while (!stopped) {
            AlertLatencyProbe.Linked l;
            while ((l = arrived.poll()) != null) {
                pending.computeIfAbsent(l.alertId(), k -> new ArrayList<>()).add(l);
            }
            try {
                pollOnce();
                lastError = null;
                pendingCount = pending.values().stream().mapToInt(List::size).sum();
            } catch (Exception e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() throws Exception {
        List<String> ids = new ArrayList<>(pending.keySet());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<String, Long> versions = es.searchableVersions(index, batch);
            long now = System.currentTimeMillis();
            for (String id : batch) {
                long version = versions.getOrDefault(id, -1L);
                Iterator<AlertLatencyProbe.Linked> it = pending.get(id).iterator();
                while (it.hasNext()) {
                    AlertLatencyProbe.Linked l = it.next();
                    if (version >= l.revision()) {
                        latencies.record(l.type(), now - l.sentWallMs());
                        it.remove();
                    } else if (now - l.sentWallMs() > GIVE_UP_MS) {
                        givenUp++;
                        it.remove();
                    }
                }
                if (pending.get(id).isEmpty()) {
                    pending.remove(id);
                }
            }
        }
    }

    /**
     * Waits up to {@code maxMs} for the revisions handed over so far to become searchable; true
     * when none is left.
     */
    public boolean awaitDrained(long maxMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMs;
        while (System.currentTimeMillis() < deadline) {
            if (arrived.isEmpty() && pendingCount == 0) {
                return true;
            }
            Thread.sleep(POLL_MS);
        }
        return false;
    }

    /** Revisions still waiting to be seen (after {@link #awaitDrained}: never seen in time). */
    public int pending() {
        return pendingCount + arrived.size();
    }

    /** Revisions not searchable within {@link #GIVE_UP_MS} of their event. */
    public long givenUp() {
        return givenUp;
    }

    /** The last search's failure, or null when the last search worked. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
