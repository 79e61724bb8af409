package org.gridwatch.jobs.dispatch;

import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.GpsPing;

/**
 * What reaches a cell of the nearest-officer join: an alert revision ({@code alert} set) or one
 * officer fix ({@code alert} null). One stream of both, so the join can also take the reference
 * broadcast (Flink's operators have at most two inputs).
 *
 * @param cell the cell key ({@link org.gridwatch.jobs.dispatch.logic.Cells})
 * @param alert the alert revision, or null for a fix
 * @param officerId the officer of a fix, or null
 * @param time the fix's event time, or the alert's
 * @param lat the fix's latitude (NaN for an alert: it has its own)
 * @param lon the fix's longitude (NaN for an alert)
 */
public record CellInput(
        long cell, Alert alert, String officerId, long time, double lat, double lon) {

    public static CellInput fix(long cell, GpsPing p) {
        return new CellInput(cell, null, p.entityId(), p.eventTime(), p.lat(), p.lon());
    }

    public static CellInput alert(long cell, Alert a) {
        return new CellInput(cell, a, null, a.eventTime(), Double.NaN, Double.NaN);
    }

    public boolean isAlert() {
        return alert != null;
    }
}
