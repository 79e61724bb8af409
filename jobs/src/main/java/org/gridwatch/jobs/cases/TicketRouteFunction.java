package org.gridwatch.jobs.cases;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.jobs.cases.logic.CaseGeo;

/**
 * Keyed by ticket (the event's caseId). Drops duplicate events (same eventId), remembers where and
 * what the ticket is from its RECEIVED event, and sends every event of the ticket, located, to its
 * home merge cell and the 8 neighbouring cells. Steps that arrive before their RECEIVED wait for it.
 *
 * <p>State and its clearing: the RECEIVED event, the seen event ids and the waiting steps of one
 * ticket; all cleared by an event-time timer {@link #RETENTION} after the ticket's last event (longer
 * than any repeat window, so a late reopen still finds its place).
 */
public final class TicketRouteFunction extends KeyedProcessFunction<String, HotlineEvent, RoutedEvent> {
    public static final Duration RETENTION = Duration.ofDays(35);

    private transient ValueState<HotlineEvent> received;
    private transient MapState<String, Boolean> seen;
    private transient ListState<HotlineEvent> waiting;
    private transient ValueState<Long> cleanupAt;

    @Override
    public void open(OpenContext ctx) {
        received = getRuntimeContext().getState(new ValueStateDescriptor<>("received", HotlineEvent.class));
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", HotlineEvent.class));
        cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
    }

    @Override
    public void processElement(HotlineEvent e, Context ctx, Collector<RoutedEvent> out) throws Exception {
        if (seen.contains(e.eventId())) {
            return;
        }
        seen.put(e.eventId(), Boolean.TRUE);
        long cleanup = e.eventTime() + RETENTION.toMillis();
        Long old = cleanupAt.value();
        if (old == null || cleanup > old) {
            if (old != null) {
                ctx.timerService().deleteEventTimeTimer(old);
            }
            ctx.timerService().registerEventTimeTimer(cleanup);
            cleanupAt.update(cleanup);
        }
        HotlineEvent r = received.value();
        if (e.kind() == CaseEventKind.RECEIVED) {
            if (r != null) {
                return; // a second complaint under the same ticket number is the same complaint
            }
            received.update(e);
            fanOut(e, e, out);
            for (HotlineEvent w : waiting.get()) {
                fanOut(e, w, out);
            }
            waiting.clear();
        } else if (r == null) {
            waiting.add(e);
        } else {
            fanOut(r, e, out);
        }
    }

    /** Sends {@code e} to the home cell of {@code rec}'s place and to its 8 neighbours. */
    static void fanOut(HotlineEvent rec, HotlineEvent e, Collector<RoutedEvent> out) {
        long x = CaseGeo.cellX(rec.lon());
        long y = CaseGeo.cellY(rec.lat());
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                out.collect(new RoutedEvent(CaseGeo.cellKey(x + dx, y + dy), dx == 0 && dy == 0, rec.lat(), rec.lon(), rec.category(), e));
            }
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<RoutedEvent> out) throws Exception {
        Long at = cleanupAt.value();
        if (at != null && at == ts) {
            received.clear();
            seen.clear();
            waiting.clear();
            cleanupAt.clear();
        }
    }
}
