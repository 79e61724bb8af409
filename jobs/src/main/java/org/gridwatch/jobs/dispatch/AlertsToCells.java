package org.gridwatch.jobs.dispatch;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.model.Alert;
import org.gridwatch.jobs.dispatch.logic.Cells;
import org.gridwatch.jobs.dispatch.logic.DispatchRules;

/**
 * Sends each located alert revision to the cell holding it; an alert without a location (a case
 * with no address found, say) has no one near it and leaves at once, unchanged (its officer list is
 * already empty), on {@link #UNLOCATED}. Stateless.
 */
final class AlertsToCells extends ProcessFunction<Alert, CellInput> {
    private static final long serialVersionUID = 1L;

    static final OutputTag<Alert> UNLOCATED =
            new OutputTag<>("dispatch-unlocated", TypeInformation.of(Alert.class));

    @Override
    public void processElement(Alert a, Context ctx, Collector<CellInput> out) {
        if (Double.isFinite(a.lat()) && Double.isFinite(a.lon())) {
            out.collect(CellInput.alert(Cells.cellOf(a.lat(), a.lon(), DispatchRules.RADIUS_M), a));
        } else {
            ctx.output(UNLOCATED, a);
        }
    }
}
