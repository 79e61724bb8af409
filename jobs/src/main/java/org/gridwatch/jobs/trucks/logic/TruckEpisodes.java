package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.rules.SustainedCondition;
import org.gridwatch.common.rules.SustainedCondition.Change;

import java.util.List;

/**
 * The episode bookkeeping {@link TruckCompliance}'s rules share: hysteresis set-up, opening and
 * closing, labels.
 */
final class TruckEpisodes {
    private TruckEpisodes() {}

    /**
     * Applies a hysteresis change to a one-revision-per-phase episode (opened, closed), returning
     * the open episode or null.
     */
    static Episode simpleEpisode(
            SustainedCondition c,
            Change change,
            Episode e,
            Evidence ev,
            String entityId,
            List<Alert> out,
            long now,
            java.util.function.Supplier<Episode> opener,
            TruckState s,
            String endZh,
            String endEn) {
        switch (change) {
            case OPENED -> {
                return opener.get();
            }
            case CONTINUED -> {
                if (e != null) {
                    e.evidence(ev);
                }
                return e;
            }
            case CLOSED -> {
                closeEpisode(
                        e,
                        c.episodeEnd,
                        out,
                        now,
                        label(s, entityId) + endZh,
                        label(s, entityId) + ": " + endEn);
                return null;
            }
            default -> {
                return e;
            }
        }
    }

    static void quietClose(
            SustainedCondition c,
            Episode e,
            long lastPing,
            List<Alert> out,
            long now,
            String zh,
            String en) {
        if (c.active && c.forceClose(c.clearStart >= 0 ? c.clearStart : lastPing)) {
            closeEpisode(
                    e,
                    c.episodeEnd,
                    out,
                    now,
                    (e == null ? "" : e.entityId + " ") + zh,
                    (e == null ? "" : e.entityId + ": ") + en);
        }
    }

    static void closeEpisode(Episode e, long end, List<Alert> out, long now, String zh, String en) {
        if (e != null) {
            out.add(e.close(Math.max(end, e.episodeStart), now, zh, en));
        }
    }

    static SustainedCondition configure(
            SustainedCondition c, long openMs, int openCount, long closeMs, int closeCount) {
        c.openAfterMs = openMs;
        c.openAfterCount = Math.max(1, openCount);
        c.closeAfterMs = closeMs;
        c.closeAfterCount = Math.max(1, closeCount);
        return c;
    }

    static String label(TruckState s, String truckId) {
        return s.plate != null ? s.plate : truckId;
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.0f", v);
    }
}
