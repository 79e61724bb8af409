package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.jobs.cases.logic.CaseGeo;

import java.time.Duration;

/**
 * Keyed by ticket (the event's caseId). Drops duplicate events (same eventId), remembers where and
 * what the ticket is from its RECEIVED event, and sends every event of the ticket, located, to its
 * home merge cell and the 8 neighbouring cells. Steps that arrive before their RECEIVED wait for
 * it.
 *
 * <p>State and its clearing: the RECEIVED event, the seen event ids, the waiting steps and the
 * times of the ticket's latest close and reopen. An event-time timer {@link #RETENTION} after the
 * ticket's last event (longer than any repeat window, so a late reopen still finds its place)
 * clears
 *
 * <ul>
 *   <li>everything, when the ticket is closed (its latest CLOSED is not followed by a REOPENED);
 *   <li>all but a compact record of the RECEIVED event (id, time, category, place: what routing a
 *       step needs), when the ticket is still open: an open ticket is never forgotten, so a close
 *       months later still reaches its case. The record goes with the retention timer after the
 *       ticket closes. (A ticket that never closes, a repeat merged into another case whose own
 *       ticket is never closed, is kept in this compact form for good.)
 *   <li>the waiting steps of a ticket whose RECEIVED never came: each goes to {@link #DEAD_LETTERS}
 *       as {@code unknown_case}, never dropped silently.
 * </ul>
 */
public final class TicketRouteFunction
        extends KeyedProcessFunction<String, HotlineEvent, RoutedEvent> {
    public static final Duration RETENTION = Duration.ofDays(35);

    /**
     * Tickets without a place are spread over this many merge cells by ticket id: they merge with
     * nothing, and one cell for all of them (30 % of the complaints of some exports) would be one
     * hot key.
     */
    static final int UNLOCATED_CELLS = 16;

    /** Steps of a ticket whose complaint never came ({@code unknown_case}). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("ticket-dead-letters", TypeInformation.of(DeadLetter.class));

    private transient ValueState<HotlineEvent> received;
    private transient MapState<String, Boolean> seen;
    private transient ListState<HotlineEvent> waiting;
    private transient ValueState<Long> cleanupAt;
    private transient ValueState<Long> closedAt;
    private transient ValueState<Long> reopenedAt;

    @Override
    public void open(OpenContext ctx) {
        received =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("received", HotlineEvent.class));
        seen =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "seen-event-ids", Types.STRING, Types.BOOLEAN));
        waiting =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("waiting", HotlineEvent.class));
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        closedAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("closed-at", Types.LONG));
        reopenedAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("reopened-at", Types.LONG));
    }

    @Override
    public void processElement(HotlineEvent e, Context ctx, Collector<RoutedEvent> out)
            throws Exception {
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
        if (e.kind() == CaseEventKind.CLOSED) {
            closedAt.update(
                    Math.max(
                            e.eventTime(),
                            closedAt.value() == null ? Long.MIN_VALUE : closedAt.value()));
        } else if (e.kind() == CaseEventKind.REOPENED) {
            reopenedAt.update(
                    Math.max(
                            e.eventTime(),
                            reopenedAt.value() == null ? Long.MIN_VALUE : reopenedAt.value()));
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

    /**
     * Sends {@code e} to the home cell of {@code rec}'s place and to its 8 neighbours; a ticket
     * without a place (an address the table does not know) goes to its {@link #unlocatedCell}, home
     * only: it merges with nothing, so it needs no neighbours.
     */
    static void fanOut(HotlineEvent rec, HotlineEvent e, Collector<RoutedEvent> out) {
        if (!rec.hasCoordinates()) {
            out.collect(
                    new RoutedEvent(
                            unlocatedCell(rec.caseId()),
                            true,
                            rec.lat(),
                            rec.lon(),
                            rec.category(),
                            e));
            return;
        }
        long x = CaseGeo.cellX(rec.lon());
        long y = CaseGeo.cellY(rec.lat());
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                out.collect(
                        new RoutedEvent(
                                CaseGeo.cellKey(x + dx, y + dy),
                                dx == 0 && dy == 0,
                                rec.lat(),
                                rec.lon(),
                                rec.category(),
                                e));
            }
        }
    }

    /**
     * The merge cell of a ticket without a place, {@code unlocated-0..15} by its id
     * (String.hashCode is stable across JVMs); no grid cell key ("x:y") looks like it.
     */
    public static String unlocatedCell(String ticket) {
        return "unlocated-" + Math.floorMod(ticket.hashCode(), UNLOCATED_CELLS);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<RoutedEvent> out) throws Exception {
        Long at = cleanupAt.value();
        if (at == null || at != ts) {
            return;
        }
        HotlineEvent r = received.value();
        if (r == null) {
            long now = ctx.timerService().currentProcessingTime();
            for (HotlineEvent w : waiting.get()) {
                ctx.output(
                        DEAD_LETTERS,
                        CaseDeadLetters.unknownCase(
                                w,
                                w.caseId(),
                                "its complaint (RECEIVED) did not come within "
                                        + RETENTION.toDays()
                                        + " days",
                                now));
            }
        } else if (isOpen(closedAt.value(), reopenedAt.value())) {
            received.update(compact(r));
            seen.clear();
            waiting.clear();
            cleanupAt.clear(); // the ticket's next event sets a new one
            return;
        }
        received.clear();
        seen.clear();
        waiting.clear();
        cleanupAt.clear();
        closedAt.clear();
        reopenedAt.clear();
    }

    /**
     * A ticket is open unless its latest CLOSED is later than its latest REOPENED (at equal times
     * the reopen wins, as in the case).
     */
    static boolean isOpen(Long closed, Long reopened) {
        return closed == null || reopened != null && reopened >= closed;
    }

    /** What routing a later step needs of the complaint: ids, time, category and place. */
    static HotlineEvent compact(HotlineEvent r) {
        return new HotlineEvent(
                r.eventId(),
                r.caseId(),
                r.kind(),
                r.channel(),
                r.eventTime(),
                r.category(),
                r.lat(),
                r.lon(),
                null,
                null,
                null,
                null,
                null);
    }
}
