package org.gridwatch.sim.score;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scores detections against ground truth, per alert type.
 *
 * <p>Matching rule: a detection matches a truth record when the type and the entity are equal and
 * the detection's event-time interval, widened by the tolerance on both sides, overlaps the truth
 * interval. Each truth record is matched at most once and each detection at most once; pairs are
 * taken in order of start time. Unmatched detections are false positives, unmatched truth records
 * false negatives. So an alert raised twice for one episode (two alert ids) counts once as a true
 * positive and once as a false positive; repeated updates of one alert id are one detection.
 *
 * <p>Optional truth records (episodes the system's input cannot decide, see {@link
 * TruthRecord#optional}) are matched after the required ones, with the same rule: a detection that
 * matches one is not counted at all, and an optional record nobody matched is not a miss.
 */
public final class Scorer {
    private final long toleranceMs;

    public Scorer(long toleranceMs) {
        if (toleranceMs < 0) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        this.toleranceMs = toleranceMs;
    }

    /** Rows for every type in {@code types} in that order, then any other type seen, sorted. */
    public List<ScoreRow> score(
            Collection<TruthRecord> truth,
            Collection<Detection> detections,
            Collection<String> types) {
        return score(truth, detections, types, null);
    }

    /**
     * As {@link #score(Collection, Collection, Collection)}, and adds one line per miss ({@code
     * missed TYPE entity from..until note}) and per false alarm ({@code false alarm TYPE entity
     * from..until alertId}) to {@code mismatches}, so a person can see why a row is not perfect.
     */
    public List<ScoreRow> score(
            Collection<TruthRecord> truth,
            Collection<Detection> detections,
            Collection<String> types,
            List<String> mismatches) {
        Map<String, List<TruthRecord>> truthByKey = new HashMap<>();
        for (TruthRecord t : truth) {
            truthByKey.computeIfAbsent(key(t.type(), t.entityId()), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<Detection>> detByKey = new HashMap<>();
        for (Detection d : detections) {
            detByKey.computeIfAbsent(key(d.type(), d.entityId()), k -> new ArrayList<>()).add(d);
        }
        TreeSet<String> others = new TreeSet<>();
        truth.forEach(t -> others.add(t.type()));
        detections.forEach(d -> others.add(d.type()));
        others.removeAll(types);
        Map<String, int[]> counts = new LinkedHashMap<>();
        types.forEach(t -> counts.put(t, new int[3]));
        others.forEach(t -> counts.put(t, new int[3]));

        TreeSet<String> keys = new TreeSet<>(truthByKey.keySet());
        keys.addAll(detByKey.keySet());
        for (String k : keys) {
            String type = k.substring(0, k.indexOf('\u0000'));
            List<TruthRecord> all = truthByKey.getOrDefault(k, List.of());
            List<TruthRecord> ts =
                    new ArrayList<>(all.stream().filter(t -> !t.optional()).toList());
            List<TruthRecord> optional =
                    new ArrayList<>(all.stream().filter(TruthRecord::optional).toList());
            List<Detection> ds = new ArrayList<>(detByKey.getOrDefault(k, List.of()));
            ts.sort(Comparator.comparingLong(TruthRecord::from));
            optional.sort(Comparator.comparingLong(TruthRecord::from));
            ds.sort(Comparator.comparingLong(Detection::from).thenComparing(Detection::alertId));
            boolean[] truthUsed = new boolean[ts.size()];
            boolean[] detectionUsed = new boolean[ds.size()];
            int tp = match(ds, detectionUsed, ts, truthUsed);
            boolean[] optionalUsed = new boolean[optional.size()];
            int notScored = match(ds, detectionUsed, optional, optionalUsed);
            if (mismatches != null) {
                for (int i = 0; i < ts.size(); i++) {
                    if (!truthUsed[i]) {
                        TruthRecord m = ts.get(i);
                        mismatches.add(
                                "missed      "
                                        + m.type()
                                        + " "
                                        + m.entityId()
                                        + " "
                                        + span(m.from(), m.until())
                                        + " "
                                        + m.note());
                    }
                }
                for (int j = 0; j < ds.size(); j++) {
                    if (!detectionUsed[j]) {
                        Detection d = ds.get(j);
                        mismatches.add(
                                "false alarm "
                                        + d.type()
                                        + " "
                                        + d.entityId()
                                        + " "
                                        + span(d.from(), d.until())
                                        + " "
                                        + d.alertId());
                    }
                }
                for (int i = 0; i < optional.size(); i++) {
                    TruthRecord o = optional.get(i);
                    mismatches.add(
                            "not scored  "
                                    + o.type()
                                    + " "
                                    + o.entityId()
                                    + " "
                                    + span(o.from(), o.until())
                                    + " "
                                    + (optionalUsed[i] ? "(alerted) " : "(not alerted) ")
                                    + o.note());
                }
            }
            int unmatched = 0;
            for (boolean used : detectionUsed) {
                unmatched += used ? 0 : 1;
            }
            int[] c = counts.get(type);
            c[0] += tp;
            c[1] += unmatched;
            c[2] += ts.size() - tp;
            assert tp + notScored + unmatched == ds.size();
        }
        List<ScoreRow> rows = new ArrayList<>();
        counts.forEach((t, c) -> rows.add(new ScoreRow(t, c[0], c[1], c[2])));
        return rows;
    }

    /** Pairs unused detections with unused truth records in start order; returns how many pairs. */
    private int match(
            List<Detection> ds,
            boolean[] detectionUsed,
            List<TruthRecord> ts,
            boolean[] truthUsed) {
        int pairs = 0;
        for (int j = 0; j < ds.size(); j++) {
            if (detectionUsed[j]) {
                continue;
            }
            for (int i = 0; i < ts.size(); i++) {
                if (!truthUsed[i] && overlaps(ds.get(j), ts.get(i))) {
                    truthUsed[i] = true;
                    detectionUsed[j] = true;
                    pairs++;
                    break;
                }
            }
        }
        return pairs;
    }

    /** The overall line: micro-averaged over all rows. */
    public static String overall(List<ScoreRow> rows) {
        ScoreRow all =
                new ScoreRow(
                        "overall",
                        rows.stream().mapToInt(ScoreRow::tp).sum(),
                        rows.stream().mapToInt(ScoreRow::fp).sum(),
                        rows.stream().mapToInt(ScoreRow::fn).sum());
        return String.format(
                Locale.ROOT, "precision=%.4f recall=%.4f", all.precision(), all.recall());
    }

    private static String span(long from, long until) {
        return java.time.Instant.ofEpochMilli(from) + ".." + java.time.Instant.ofEpochMilli(until);
    }

    private boolean overlaps(Detection d, TruthRecord t) {
        return d.from() - toleranceMs <= t.until() && d.until() + toleranceMs >= t.from();
    }

    private static String key(String type, String entityId) {
        return type + '\u0000' + entityId;
    }
}
