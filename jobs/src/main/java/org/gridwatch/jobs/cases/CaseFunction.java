package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.EventTimeBuffer;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.cases.logic.CaseFile;
import org.gridwatch.jobs.cases.logic.CaseRules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Keyed by case id (after merging). Keeps the {@link CaseFile}, handles its events in event-time
 * order (buffered until the watermark passes them; a step that comes up to the settling time late
 * is applied when it arrives), raises CASE_OVERDUE colours with event-time timers at the instants
 * the working-time limit points are crossed plus the settling time (the alert is stamped at the
 * instant itself), and COMPLAINT_REPEAT when the complaints reach the threshold. Emits alerts on
 * the main output and the case document (gridwatch-cases) and a {@link CaseFact} per complaint and
 * per change (for hotspots and KPIs) on side outputs.
 *
 * <p>A colour timer that fires only because a bounded input ended (watermark at the end of time)
 * raises its colour only if this instance has seen an event at or after the colour's instant
 * (periodic watermarks lag behind a fast replay): the end of the input is not the passing of the
 * deadline. A later event of the case still raises it (a close raises every colour due before it).
 * The latest event time seen is kept per instance and checkpointed as operator list state {@code
 * max-seen}; a restored instance starts from the largest value it gets back (at the same
 * parallelism its own; not union state, which Flink cannot checkpoint while some instances have
 * finished and others not).
 *
 * <p>State and its clearing: {@code file} and {@code buffer}; a cleanup timer at the case's close
 * plus the repeat window plus {@link #GRACE} (a closed case can still take repeats and reopens
 * until then) clears everything. An open case has no cleanup timer: its file (bounded: at most 50
 * history entries) is kept until it closes, however long that takes, so that a close months later
 * still closes its overdue and repeat alerts and counts in the KPIs (a reopen removes the cleanup
 * timer again). The colour timer is deleted when the case closes. Buffer entries go when their
 * timer fires.
 *
 * <p>An event that finds no case file is never dropped silently: a lifecycle step of the case's own
 * ticket, or a repeat complaint, goes to {@link #DEAD_LETTERS} as {@code unknown_case} (a case
 * never received, or closed and cleared before the step came). Steps of tickets merged into another
 * case and {@code CLEARED} events are ignored by a known case too, so they are ignored here as
 * well.
 */
public final class CaseFunction
        extends KeyedBroadcastProcessFunction<String, CaseInput, ReferenceUpdate, Alert>
        implements CheckpointedFunction {
    public static final String INDEX = "gridwatch-cases";
    public static final OutputTag<EsWriteRequest> DOCUMENTS =
            new OutputTag<>("case-documents", TypeInformation.of(EsWriteRequest.class));
    public static final OutputTag<CaseFact> FACTS =
            new OutputTag<>("case-facts", TypeInformation.of(CaseFact.class));

    /** Events for a case this job does not know ({@code unknown_case}). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("case-dead-letters", TypeInformation.of(DeadLetter.class));

    public static final Duration GRACE = Duration.ofDays(1);

    private final ReferenceHolder holder;
    private final long settleMs;
    private transient CaseRulesCache rulesCache;
    private transient ValueState<CaseFile> file;
    private transient EventTimeBuffer<CaseInput> buffer;
    private transient ValueState<Long> levelTimer;
    private transient ValueState<Long> cleanupTimer;

    /**
     * Latest event time this parallel instance has received (any case): evidence of how far event
     * time got.
     */
    private transient long maxSeen;

    private transient ListState<Long> maxSeenState;

    /**
     * @param settleMs how long after a colour falls due it is decided: a case's step (a close, say)
     *     that comes up to this late still counts, so a case closed in time but reported late
     *     raises nothing
     */
    public CaseFunction(String cityDir, ZoneId zone, long settleMs) {
        this(new ReferenceHolder(cityDir, zone), settleMs);
    }

    /**
     * @param holder the job's reference ({@link ReferenceHolder#of}): the snapshot of the topic
     *     when there is no --city
     */
    public CaseFunction(ReferenceHolder holder, long settleMs) {
        this.holder = holder;
        this.settleMs = settleMs;
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        maxSeenState =
                ctx.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("max-seen", Types.LONG));
        for (Long t : maxSeenState.get()) {
            maxSeen = Math.max(maxSeen, t);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        maxSeenState.update(List.of(maxSeen));
    }

    @Override
    public void open(OpenContext ctx) {
        rulesCache = new CaseRulesCache();
        file =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "case", TypeInformation.of(CaseFile.class)));
        buffer =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(
                                        EventTimeBuffer.descriptor("buffer", CaseInput.class)));
        levelTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("level-timer", Types.LONG));
        cleanupTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
    }

    @Override
    public void processElement(CaseInput in, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        long t = in.event().eventTime();
        maxSeen = Math.max(maxSeen, t);
        buffer.add(in, t, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate u, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), u);
    }

    private static final Comparator<CaseInput> ORDER =
            Comparator.<CaseInput>comparingInt(c -> c.event().kind().ordinal())
                    .thenComparing(c -> c.event().eventId());

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        CaseRules rules = rulesCache.get(ref);
        CaseFile f = file.value();
        long now = ctx.timerService().currentProcessingTime();
        boolean changed = false;
        List<CaseInput> list = buffer.drain(ts);
        if (!list.isEmpty()) {
            list.sort(ORDER);
            for (CaseInput in : list) {
                if (f == null) {
                    if (in.event().kind() != CaseEventKind.RECEIVED || in.joined()) {
                        // A step or repeat for a case this job no longer (or never) knew.
                        if (appliesToKnownCase(in)) {
                            ctx.output(
                                    DEAD_LETTERS,
                                    CaseDeadLetters.unknownCase(
                                            in.event(),
                                            in.caseId(),
                                            "no such case (never received, or closed and cleared after its repeat window)",
                                            now));
                        }
                        continue;
                    }
                    f = new CaseFile();
                }
                String[] place = null;
                if (in.event().kind() == CaseEventKind.RECEIVED && f.caseId == null) {
                    Grid g =
                            in.event().hasCoordinates()
                                    ? ref.gridAt(in.event().lat(), in.event().lon())
                                    : null;
                    place =
                            g == null
                                    ? null
                                    : new String[] {g.gridCode(), g.districtName(), g.streetName()};
                }
                String before = f.status;
                int complaintsBefore = f.complaints;
                emit(
                        f.apply(in.event(), in.ticketId(), in.joined(), rules, place, now),
                        out,
                        f,
                        ctx);
                changed = true;
                if (in.event().kind() == CaseEventKind.RECEIVED) {
                    ctx.output(
                            FACTS,
                            CaseFact.complaint(
                                    f, in, f.complaints > complaintsBefore && in.joined()));
                } else if (!Objects.equals(before, f.status)
                        && CaseFact.counts(in.event().kind())) {
                    ctx.output(FACTS, CaseFact.step(f, in.event(), rules));
                }
            }
        }
        if (f == null) {
            return;
        }
        boolean inputEnded = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        // An event of the case at ts shows it was still open then; without one, a colour is decided
        // only once the settling time after it has passed (a late close may still come until then).
        long decidedUpTo = list.isEmpty() ? ts - settleMs : ts;
        if (!list.isEmpty() || ts != Long.MAX_VALUE && (!inputEnded || decidedUpTo <= maxSeen)) {
            List<Alert> levels = f.due(decidedUpTo, now);
            if (!levels.isEmpty()) {
                emit(levels, out, f, ctx);
                changed = true;
            }
        }
        Long cleanup = cleanupTimer.value();
        if (cleanup != null && cleanup == ts && list.isEmpty()) {
            if (!f.isOpen()) {
                clearAll(ctx);
                return;
            }
            cleanupTimer.clear(); // an idle-cleanup timer of an open case restored from before: the
            // case stays
        }
        if (changed) {
            f.docVersion++;
            file.update(f);
            ctx.output(
                    DOCUMENTS,
                    new EsWriteRequest(INDEX, f.caseId, f.document(rules), f.docVersion));
            reschedule(f, rules, ctx);
        }
    }

    private void emit(List<Alert> alerts, Collector<Alert> out, CaseFile f, OnTimerContext ctx) {
        for (Alert a : alerts) {
            out.collect(a);
            if (a.level() != null
                    && a.type() == org.gridwatch.common.model.AlertType.CASE_OVERDUE
                    && a.status() != org.gridwatch.common.model.AlertStatus.CLOSED) {
                ctx.output(FACTS, CaseFact.level(f, a.level(), a.eventTime()));
            }
        }
    }

    private void reschedule(CaseFile f, CaseRules rules, OnTimerContext ctx) throws Exception {
        long due = f.nextDue();
        long next = due == Long.MAX_VALUE ? Long.MAX_VALUE : due + settleMs;
        Long old = levelTimer.value();
        // A timer shared with buffered events (same key, same time) must stay: the buffer drains on
        // it.
        if (old != null && old != next && !buffer.holds(old)) {
            ctx.timerService().deleteEventTimeTimer(old);
        }
        if (next != Long.MAX_VALUE) {
            if (old == null || old != next) {
                ctx.timerService().registerEventTimeTimer(next);
            }
            levelTimer.update(next);
        } else {
            levelTimer.clear();
        }
        Long oldCleanup = cleanupTimer.value();
        if (f.isOpen()) {
            // An open case is kept until it closes: no cleanup timer.
            if (oldCleanup != null) {
                if (!buffer.holds(oldCleanup) && !oldCleanup.equals(levelTimer.value())) {
                    ctx.timerService().deleteEventTimeTimer(oldCleanup);
                }
                cleanupTimer.clear();
            }
            return;
        }
        long cleanup = f.closedAt + rules.windowMs() + GRACE.toMillis();
        if (oldCleanup == null || oldCleanup != cleanup) {
            if (oldCleanup != null && !buffer.holds(oldCleanup)) {
                ctx.timerService().deleteEventTimeTimer(oldCleanup);
            }
            ctx.timerService().registerEventTimeTimer(cleanup);
            cleanupTimer.update(cleanup);
        }
    }

    /**
     * Whether a known case would act on this event: its own ticket's steps and every complaint do;
     * steps of a ticket merged into another case and {@code CLEARED} events do not.
     */
    static boolean appliesToKnownCase(CaseInput in) {
        CaseEventKind k = in.event().kind();
        if (k == CaseEventKind.RECEIVED) {
            return true;
        }
        return !in.joined() && k != CaseEventKind.CLEARED;
    }

    private void clearAll(OnTimerContext ctx) throws Exception {
        Long lt = levelTimer.value();
        if (lt != null) {
            ctx.timerService().deleteEventTimeTimer(lt);
        }
        file.clear();
        levelTimer.clear();
        cleanupTimer.clear();
        buffer.clear();
    }
}
