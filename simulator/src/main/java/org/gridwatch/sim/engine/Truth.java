package org.gridwatch.sim.engine;

import org.gridwatch.sim.score.ShopCount;
import org.gridwatch.sim.score.TruthRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The ground truth a simulation writes as it injects violations: each generator records what it
 * injected, with the interval in which a correct system must raise the alert. Kept in memory (a
 * city-day has thousands of records, not millions) and written sorted, so the file is reproducible.
 *
 * <p>A record may name the events it hinges on ({@link #add(String, String, long, long, String,
 * List)}): groups of events, any one of which is enough for a correct system to decide it. Once the
 * run is over, {@link #settle} makes a record optional when every event of one of its groups was
 * delivered late (dead-lettered by the jobs, so no system can see it), and runs the checks
 * registered with {@link #afterRun} (which may add optional records of their own, e.g. the episode
 * a late record pushes later).
 */
public final class Truth {
    private final List<TruthRecord> records = new ArrayList<>();
    private final List<List<List<SimEvent.Id>>> hinges = new ArrayList<>();
    private final List<Consumer<Predicate<SimEvent.Id>>> afterRun = new ArrayList<>();
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
        add(type, entityId, from, until, note, optional, List.of());
    }

    /**
     * A required record that hinges on events: {@code groups} lists alternatives, e.g. {@code
     * [[clearance], [report 1, report 2, ...]]} means the clearance and any one of the reports.
     */
    public void add(
            String type,
            String entityId,
            long from,
            long until,
            String note,
            List<List<SimEvent.Id>> groups) {
        add(type, entityId, from, until, note, false, groups);
    }

    private synchronized void add(
            String type,
            String entityId,
            long from,
            long until,
            String note,
            boolean optional,
            List<List<SimEvent.Id>> groups) {
        if (from >= scenarioEnd) {
            return;
        }
        records.add(
                new TruthRecord(
                        type, entityId, from, Math.min(until, scenarioEnd), note, optional));
        hinges.add(List.copyOf(groups));
    }

    /** Registers a check that {@link #settle} runs with the events delivered late. */
    public synchronized void afterRun(Consumer<Predicate<SimEvent.Id>> check) {
        afterRun.add(check);
    }

    /**
     * Called once the run is over, with what the disorder delivered late: makes optional every
     * record one of whose hinge groups was delivered late entirely, then runs the registered
     * checks. With nothing late, the truth is left as it was.
     */
    public void settle(Predicate<SimEvent.Id> late) {
        List<Consumer<Predicate<SimEvent.Id>>> checks;
        synchronized (this) {
            for (int i = 0; i < records.size(); i++) {
                TruthRecord t = records.get(i);
                if (!t.optional() && undecidable(hinges.get(i), late)) {
                    records.set(
                            i,
                            new TruthRecord(
                                    t.type(),
                                    t.entityId(),
                                    t.from(),
                                    t.until(),
                                    t.note() + " [hinge event delivered late]",
                                    true));
                }
            }
            checks = List.copyOf(afterRun);
        }
        checks.forEach(c -> c.accept(late));
    }

    /** Whether every event of one of the groups was delivered late. */
    static boolean undecidable(List<List<SimEvent.Id>> groups, Predicate<SimEvent.Id> late) {
        for (List<SimEvent.Id> g : groups) {
            if (!g.isEmpty() && g.stream().allMatch(late)) {
                return true;
            }
        }
        return false;
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
