package org.gridwatch.sim.score;

/**
 * One injected violation that a correct system must report: the ground truth the simulator writes
 * (one JSON object per line in {@code truth.ndjson}).
 *
 * @param type alert type id as in the catalogue; for laddered alerts with the level, e.g. {@code
 *     CASE_OVERDUE.RED}
 * @param entityId the entity the alert must name (truck, grid, spot, case, sensor)
 * @param from earliest event time (epoch ms) at which raising the alert is correct
 * @param until latest event time (epoch ms) by which it must have been raised
 * @param note what was injected, for people reading a miss
 * @param optional the input a system sees does not decide it (GPS noise put an officer's fixes on
 *     the other side of a grid's edge from where the officer was): an alert for it is neither a
 *     true nor a false positive, and no alert for it is not a miss
 */
public record TruthRecord(
        String type, String entityId, long from, long until, String note, boolean optional) {
    public TruthRecord {
        if (until < from) {
            throw new IllegalArgumentException(
                    "truth interval ends before it starts: " + type + " " + entityId);
        }
    }

    /** A record a correct system must report. */
    public TruthRecord(String type, String entityId, long from, long until, String note) {
        this(type, entityId, from, until, note, false);
    }
}
