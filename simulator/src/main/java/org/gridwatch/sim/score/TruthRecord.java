package org.gridwatch.sim.score;

/**
 * One injected violation that a correct system must report: the ground truth the simulator writes
 * (one JSON object per line in {@code truth.ndjson}).
 *
 * @param type alert type id as in the catalogue; for laddered alerts with the level, e.g. {@code CASE_OVERDUE.RED}
 * @param entityId the entity the alert must name (truck, grid, spot, case, sensor)
 * @param from earliest event time (epoch ms) at which raising the alert is correct
 * @param until latest event time (epoch ms) by which it must have been raised
 * @param note what was injected, for people reading a miss
 */
public record TruthRecord(String type, String entityId, long from, long until, String note) {
    public TruthRecord {
        if (until < from) {
            throw new IllegalArgumentException("truth interval ends before it starts: " + type + " " + entityId);
        }
    }
}
