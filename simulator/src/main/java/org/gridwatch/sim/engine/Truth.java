package org.gridwatch.sim.engine;

import org.gridwatch.sim.score.ShopCount;
import org.gridwatch.sim.score.TruthRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ground truth a simulation writes as it injects violations: each generator records what it
 * injected, with the interval in which a correct system must raise the alert. Kept in memory (a
 * city-day has thousands of records, not millions) and written sorted, so the file is reproducible.
 */
public final class Truth {
    private final List<TruthRecord> records = new ArrayList<>();
    private final SortedMap<String, List<String>> nearMisses = new TreeMap<>();
    private final long scenarioEnd;
    private List<ShopCount> shops = List.of();

    public Truth(long scenarioEnd) {
        this.scenarioEnd = scenarioEnd;
    }

    /**
     * Records an injected violation. One that would start after the scenario ends is not recorded
     * (no system can see it); its interval is cut at the end otherwise.
     */
    public void add(String type, String entityId, long from, long until, String note) {
        add(type, entityId, from, until, note, false);
    }

    /**
     * As {@link #add(String, String, long, long, String)}, for an episode the system's input does
     * not decide (see {@link TruthRecord#optional}).
     */
    public synchronized void add(
            String type, String entityId, long from, long until, String note, boolean optional) {
        if (from >= scenarioEnd) {
            return;
        }
        records.add(
                new TruthRecord(
                        type, entityId, from, Math.min(until, scenarioEnd), note, optional));
    }

    /**
     * Notes a planned near miss (behaviour just short of a rule, which must raise nothing) of
     * {@code entityId}.
     */
    public synchronized void nearMiss(String kind, String entityId) {
        nearMisses.computeIfAbsent(kind, k -> new ArrayList<>()).add(entityId);
    }

    /**
     * The planned near misses, entity ids per kind: a false alarm on one of these entities is a
     * rule too eager.
     */
    public synchronized SortedMap<String, List<String>> nearMisses() {
        SortedMap<String, List<String>> out = new TreeMap<>();
        nearMisses.forEach((k, v) -> out.put(k, v.stream().sorted().toList()));
        return out;
    }

    public synchronized List<TruthRecord> records() {
        List<TruthRecord> out = new ArrayList<>(records);
        out.sort(
                Comparator.comparing(TruthRecord::type)
                        .thenComparing(TruthRecord::entityId)
                        .thenComparingLong(TruthRecord::from));
        return out;
    }

    /** Sets the simulator's own count of every shop's file (written as {@code shops.ndjson}). */
    public synchronized void shops(List<ShopCount> counts) {
        shops = List.copyOf(counts);
    }

    /** The per-shop counts of the run, by shop id; empty for a city without shops. */
    public synchronized List<ShopCount> shops() {
        return shops;
    }
}
