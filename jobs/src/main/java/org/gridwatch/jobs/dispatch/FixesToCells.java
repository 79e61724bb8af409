package org.gridwatch.jobs.dispatch;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.jobs.dispatch.logic.Cells;
import org.gridwatch.jobs.dispatch.logic.DispatchRules;

/**
 * Sends each officer fix to every cell an alert within the radius can be in (one to four); truck
 * pings and unplaced fixes go nowhere. Stateless.
 */
final class FixesToCells implements FlatMapFunction<GpsPing, CellInput> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(GpsPing p, Collector<CellInput> out) {
        if (p.entityType() != EntityType.OFFICER
                || !Double.isFinite(p.lat())
                || !Double.isFinite(p.lon())) {
            return;
        }
        for (long cell : Cells.cellsFor(p.lat(), p.lon(), DispatchRules.RADIUS_M)) {
            out.collect(CellInput.fix(cell, p));
        }
    }
}
