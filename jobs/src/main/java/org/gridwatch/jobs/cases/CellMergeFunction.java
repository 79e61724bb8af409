package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.flink.EventTimeBuffer;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.cases.logic.CaseRules;
import org.gridwatch.jobs.cases.logic.RepeatMerger;
import org.gridwatch.jobs.cases.logic.TicketFact;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Repeat merging, keyed by spatial cell. Each cell holds the tickets homed in it and in its 8
 * neighbours (every ticket's events are fanned out to its 3 x 3 cells), so a complaint's home cell
 * sees every case within the merge radius and decides alone whether the complaint joins one ({@link
 * RepeatMerger}). Events are buffered and handled in event-time order when the watermark passes
 * them, so the outcome does not depend on arrival order. The home copy emits the event addressed to
 * its case; the other copies only update what the cell knows.
 *
 * <p>Neighbour copies decide too (with what they know) to record whether a ticket is a case of its
 * own; they know every ticket within one cell of it, so they agree with the home cell unless a
 * cluster straddles further than a cell (see README, known limits).
 *
 * <p>State and its clearing: {@code facts} (ticket id to {@link TicketFact}) is swept on every
 * timer of the cell; a closed case's facts go once the repeat window has passed since it closed (a
 * cleanup timer is registered for that instant), an open one's after {@link #MAX_OPEN}; joined
 * tickets go with their case. {@code buffer} entries are removed when their timer fires.
 */
public final class CellMergeFunction
        extends KeyedBroadcastProcessFunction<String, RoutedEvent, ReferenceUpdate, CaseInput> {
    /** A case open this long without closing stops taking repeats (its facts are dropped). */
    public static final Duration MAX_OPEN = Duration.ofDays(60);

    private final ReferenceHolder holder;
    private transient CaseRulesCache rulesCache;
    private transient MapState<String, TicketFact> facts;
    private transient EventTimeBuffer<RoutedEvent> buffer;

    public CellMergeFunction(String cityDir, ZoneId zone) {
        this(new ReferenceHolder(cityDir, zone));
    }

    /**
     * @param holder the job's reference ({@link ReferenceHolder#of}): the snapshot of the topic
     *     when there is no --city
     */
    public CellMergeFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext ctx) {
        rulesCache = new CaseRulesCache();
        facts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "ticket-facts",
                                        Types.STRING,
                                        TypeInformation.of(TicketFact.class)));
        buffer =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(
                                        EventTimeBuffer.descriptor("buffer", RoutedEvent.class)));
    }

    @Override
    public void processElement(RoutedEvent e, ReadOnlyContext ctx, Collector<CaseInput> out)
            throws Exception {
        long t = e.event().eventTime();
        buffer.add(e, t, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate u, Context ctx, Collector<CaseInput> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), u);
    }

    static final Comparator<RoutedEvent> ORDER =
            Comparator.<RoutedEvent>comparingInt(r -> r.event().kind().ordinal())
                    .thenComparing(r -> r.event().eventId())
                    .thenComparing(RoutedEvent::home);

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<CaseInput> out) throws Exception {
        CaseRules rules = rulesCache.get(holder.get(ctx.getBroadcastState(ReferenceHolder.STATE)));
        List<RoutedEvent> list = buffer.drain(ts);
        if (!list.isEmpty()) {
            list.sort(ORDER);
            for (RoutedEvent r : list) {
                handle(r, rules, ctx, out);
            }
        }
        sweep(ts, rules);
    }

    private void handle(
            RoutedEvent r, CaseRules rules, OnTimerContext ctx, Collector<CaseInput> out)
            throws Exception {
        HotlineEvent e = r.event();
        String ticket = e.caseId();
        TicketFact fact = facts.get(ticket);
        if (e.kind() == CaseEventKind.RECEIVED) {
            if (fact != null) {
                return;
            }
            TicketFact master =
                    RepeatMerger.choose(
                            facts.values(),
                            ticket,
                            r.category(),
                            r.lat(),
                            r.lon(),
                            e.eventTime(),
                            rules);
            String caseId = master == null ? ticket : master.masterId();
            facts.put(
                    ticket,
                    new TicketFact(
                            ticket, caseId, r.category(), r.lat(), r.lon(), e.eventTime(), 0));
            ctx.timerService().registerEventTimeTimer(e.eventTime() + MAX_OPEN.toMillis());
            if (r.home()) {
                out.collect(new CaseInput(caseId, ticket, master != null, e));
            }
            return;
        }
        if (fact == null) {
            if (r.home()) {
                out.collect(new CaseInput(ticket, ticket, false, e));
            }
            return;
        }
        if (fact.isMaster()) {
            if (e.kind() == CaseEventKind.CLOSED && fact.closedAt() == 0) {
                facts.put(ticket, fact.closed(e.eventTime()));
                ctx.timerService().registerEventTimeTimer(e.eventTime() + rules.windowMs() + 1);
            } else if (e.kind() == CaseEventKind.REOPENED && fact.closedAt() != 0) {
                facts.put(ticket, fact.reopened());
            }
        }
        if (r.home()) {
            out.collect(new CaseInput(fact.masterId(), ticket, !fact.isMaster(), e));
        }
    }

    private void sweep(long now, CaseRules rules) throws Exception {
        if (now == Long.MAX_VALUE) {
            return;
        }
        List<String> drop = new ArrayList<>();
        for (Iterator<Map.Entry<String, TicketFact>> it = facts.iterator(); it.hasNext(); ) {
            TicketFact f = it.next().getValue();
            if (f.isMaster()
                    && (RepeatMerger.expired(f, now, rules.windowMs())
                            || now - f.receivedAt() >= MAX_OPEN.toMillis())) {
                drop.add(f.ticketId());
            }
        }
        for (String id : drop) {
            facts.remove(id);
        }
        drop.clear();
        for (Iterator<Map.Entry<String, TicketFact>> it = facts.iterator(); it.hasNext(); ) {
            TicketFact f = it.next().getValue();
            if (!f.isMaster()
                    && (!facts.contains(f.masterId())
                            || now - f.receivedAt() >= MAX_OPEN.toMillis())) {
                drop.add(f.ticketId());
            }
        }
        for (String id : drop) {
            facts.remove(id);
        }
    }
}
