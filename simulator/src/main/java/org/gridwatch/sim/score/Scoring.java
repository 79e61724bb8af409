package org.gridwatch.sim.score;

import org.gridwatch.common.model.AlertType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The scoring every command shares ({@code score}, {@code evaluate}): the rows of the catalogue,
 * the scored window, and the printed table that scripts read.
 */
public final class Scoring {
    /** Default time tolerance on both sides of a truth interval. */
    public static final long DEFAULT_TOLERANCE_MS = 120_000;

    private Scoring() {}

    /**
     * Every row the table always shows: each catalogue type, and {@code CASE_OVERDUE} once per
     * level.
     */
    public static List<String> catalogueRows() {
        List<String> rows = new ArrayList<>();
        for (AlertType t : AlertType.values()) {
            if (AlertDetections.LADDERED.contains(t.name())) {
                for (String level : List.of("BLUE", "YELLOW", "ORANGE", "RED")) {
                    rows.add(t.name() + "." + level);
                }
            } else {
                rows.add(t.name());
            }
        }
        return rows;
    }

    /**
     * Scores detections that begin at or before {@code windowEnd} (epoch ms; Long.MAX_VALUE for no
     * limit). An evaluation run drains its input at the end, which fires every pending event-time
     * timer; what those timers report about time after the scenario's end is outside what the
     * simulator can have truth for, so it is not scored.
     */
    public static List<ScoreRow> score(
            Collection<TruthRecord> truth,
            Collection<Detection> detections,
            long windowEnd,
            long toleranceMs) {
        return score(truth, detections, windowEnd, toleranceMs, null);
    }

    /**
     * As above, adding a line per miss and false alarm to {@code mismatches} (see {@link Scorer}).
     */
    public static List<ScoreRow> score(
            Collection<TruthRecord> truth,
            Collection<Detection> detections,
            long windowEnd,
            long toleranceMs,
            List<String> mismatches) {
        List<Detection> inWindow = detections.stream().filter(d -> d.from() <= windowEnd).toList();
        return new Scorer(toleranceMs).score(truth, inWindow, catalogueRows(), mismatches);
    }

    /**
     * {@code TYPE tp=N fp=N fn=N precision=P recall=R} per row, then {@code precision=P recall=R}.
     */
    public static void print(List<ScoreRow> rows, PrintStream out) {
        rows.forEach(r -> out.println(r.format()));
        out.println(Scorer.overall(rows));
    }
}
