package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.cases.logic.ComplaintLocation;

import java.util.EnumMap;
import java.util.Map;

/**
 * Places complaints that have an address but no coordinates ({@link ComplaintLocation}), before
 * anything is keyed by place. Stateless apart from the reference (broadcast state). Every event
 * passes on, placed or not; metrics {@code complaintsLocatedByAddress} (label {@code match}: exact,
 * normalised, without_prefix) and {@code complaintsUnlocated} (label {@code reason}: not_found,
 * ambiguous) count what happened, so a poor address table shows on the dashboard, not in a log.
 */
public final class AddressLocateFunction
        extends BroadcastProcessFunction<HotlineEvent, ReferenceUpdate, HotlineEvent> {
    private static final long serialVersionUID = 1L;

    private final ReferenceHolder holder;
    private transient Map<ComplaintLocation.Outcome, Counter> counters;

    public AddressLocateFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext ctx) {
        counters = new EnumMap<>(ComplaintLocation.Outcome.class);
        var metrics = getRuntimeContext().getMetricGroup();
        counters.put(
                ComplaintLocation.Outcome.BY_EXACT_ADDRESS,
                metrics.addGroup("match", "exact").counter("complaintsLocatedByAddress"));
        counters.put(
                ComplaintLocation.Outcome.BY_NORMALISED_ADDRESS,
                metrics.addGroup("match", "normalised").counter("complaintsLocatedByAddress"));
        counters.put(
                ComplaintLocation.Outcome.BY_ADDRESS_WITHOUT_PREFIX,
                metrics.addGroup("match", "without_prefix").counter("complaintsLocatedByAddress"));
        counters.put(
                ComplaintLocation.Outcome.UNLOCATED_NOT_FOUND,
                metrics.addGroup("reason", "not_found").counter("complaintsUnlocated"));
        counters.put(
                ComplaintLocation.Outcome.UNLOCATED_AMBIGUOUS,
                metrics.addGroup("reason", "ambiguous").counter("complaintsUnlocated"));
    }

    @Override
    public void processElement(HotlineEvent e, ReadOnlyContext ctx, Collector<HotlineEvent> out)
            throws Exception {
        if (e.hasCoordinates() || e.address() == null) {
            out.collect(e); // nothing to look up: do not even load the reference
            return;
        }
        ComplaintLocation.Located l =
                ComplaintLocation.locate(
                        holder.get(ctx.getBroadcastState(ReferenceHolder.STATE)), e);
        Counter c = counters.get(l.outcome());
        if (c != null) {
            c.inc();
        }
        out.collect(l.event());
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate u, Context ctx, Collector<HotlineEvent> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), u);
    }
}
