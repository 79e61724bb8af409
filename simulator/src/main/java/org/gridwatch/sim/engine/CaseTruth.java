package org.gridwatch.sim.engine;

import org.gridwatch.common.kafka.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.gridwatch.sim.engine.ComplaintSim.LEVELS;
import static org.gridwatch.sim.engine.ComplaintSim.REPEAT_THRESHOLD;

/**
 * The ground truth and the KPI truth of the cases {@link ComplaintSim} planned: the merge rule's
 * outcome replayed on each case's timeline (repeat episodes, colour instants on every clock) and
 * the per-day, per-district counts the job's KPIs must match. Kept apart from the planning so that
 * the rule the truth follows can be read without the draws that made the cases.
 *
 * <p>Lateness (see {@link Truth#settle}): a repeat episode hinges on the case's first complaint,
 * every complaint it counts and the close that ended the episode before it; a colour hinges on the
 * first complaint (and, on the clock of a reopen, on the reopen). A colour the case would reach if
 * its close were not seen is added as optional when that close is delivered late.
 */
final class CaseTruth {
    private static final long TRUTH_SPAN_MS = 60_000L;

    private final Map<LocalDate, Map<String, ComplaintSim.KpiTruth>> kpi = new TreeMap<>();

    Map<LocalDate, Map<String, ComplaintSim.KpiTruth>> kpi() {
        return kpi;
    }

    void truth(ComplaintSim.Case k, Simulation.Context ctx, CaseWorkingTime cal, ZoneId zone) {
        long end = ctx.end();
        String id = k.first.ticket;
        String district = k.first.grid.districtName();
        // Repeats: the case's own timeline in event time.
        // {time, kind: 0 join, 1 close, 2 reopen, index of the join}
        List<long[]> timeline = new ArrayList<>();
        for (int j = 0; j < k.joins.size(); j++) {
            timeline.add(new long[] {k.joins.get(j), 0, j});
        }
        timeline.add(new long[] {k.close1, 1, 0});
        if (k.reopen != 0) {
            timeline.add(new long[] {k.reopen, 2, 0});
            timeline.add(new long[] {k.close2, 1, 0});
        }
        timeline.sort(Comparator.comparingLong(a -> a[0]));
        int count = 1;
        boolean episode = false;
        SimEvent.Id received = new SimEvent.Id(Topics.HOTLINE, id, k.first.t);
        List<List<SimEvent.Id>> counted = new ArrayList<>();
        counted.add(List.of(received));
        SimEvent.Id endedLast = null; // the close that ended the last episode
        kpiAdd(zone, k.first.t, district, id, false, false, false, null, end);
        for (long[] ev : timeline) {
            if (ev[0] >= end) {
                break;
            }
            if (ev[1] == 1) {
                if (episode) {
                    endedLast = new SimEvent.Id(Topics.HOTLINE, id, ev[0]);
                }
                episode = false;
                continue;
            }
            count++;
            if (ev[1] == 0) {
                counted.add(
                        List.of(
                                new SimEvent.Id(
                                        Topics.HOTLINE, k.joinTickets.get((int) ev[2]), ev[0])));
            }
            kpiAdd(zone, ev[0], district, id, true, false, false, null, end);
            if (count >= REPEAT_THRESHOLD && !episode) {
                episode = true;
                List<List<SimEvent.Id>> hinges = new ArrayList<>(counted);
                if (endedLast != null) {
                    hinges.add(List.of(endedLast));
                }
                ctx.truth()
                        .add(
                                "COMPLAINT_REPEAT",
                                id,
                                ev[0],
                                ev[0] + TRUTH_SPAN_MS,
                                "complaint "
                                        + count
                                        + " of case "
                                        + id
                                        + " ("
                                        + k.first.category
                                        + ")",
                                hinges);
            }
        }
        // Closures and on-time (first close only).
        if (k.close1 < end) {
            long deadline = cal.plus(k.first.t, k.limit);
            kpiAdd(zone, k.close1, district, id, false, true, k.close1 <= deadline, null, end);
        }
        // Colours on each clock.
        List<List<SimEvent.Id>> clock1 = List.of(List.of(received));
        long clock1End = k.reopen != 0 ? k.reopen : end;
        levels(ctx, cal, zone, id, district, k.first.t, k.limit, k.close1, clock1End, clock1);
        if (k.reopen != 0 && k.reopen < end) {
            List<List<SimEvent.Id>> clock2 =
                    List.of(
                            List.of(received),
                            List.of(new SimEvent.Id(Topics.HOTLINE, id, k.reopen)));
            levels(ctx, cal, zone, id, district, k.reopen, k.limit, k.close2, end, clock2);
        }
    }

    private void levels(
            Simulation.Context ctx,
            CaseWorkingTime cal,
            ZoneId zone,
            String id,
            String district,
            long clock,
            int limit,
            long close,
            long clockEnd,
            List<List<SimEvent.Id>> hinges) {
        long end = ctx.end();
        long[] at = cal.levels(clock, limit);
        List<Integer> unseenClose = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (at[i] < close && at[i] < end) {
                ctx.truth()
                        .add(
                                "CASE_OVERDUE." + LEVELS[i],
                                id,
                                at[i],
                                at[i] + TRUTH_SPAN_MS,
                                LEVELS[i] + " of case " + id + ", limit " + limit + " working min",
                                hinges);
                kpiAdd(zone, at[i], district, id, false, false, false, LEVELS[i], end);
            } else if (at[i] >= close && at[i] < clockEnd && close < end) {
                unseenClose.add(i);
            }
        }
        if (!unseenClose.isEmpty()) {
            // A system that did not see the close (delivered late) rightly raises these.
            SimEvent.Id closed = new SimEvent.Id(Topics.HOTLINE, id, close);
            ctx.truth()
                    .afterRun(
                            late -> {
                                if (late.test(closed) && !Truth.undecidable(hinges, late)) {
                                    for (int i : unseenClose) {
                                        ctx.truth()
                                                .add(
                                                        "CASE_OVERDUE." + LEVELS[i],
                                                        id,
                                                        at[i],
                                                        at[i] + TRUTH_SPAN_MS,
                                                        LEVELS[i]
                                                                + " of case "
                                                                + id
                                                                + " if its close is not seen"
                                                                + " [close delivered late]",
                                                        true);
                                    }
                                }
                            });
        }
    }

    private final Map<String, Set<String>> casesPerDayDistrict = new java.util.HashMap<>();

    private void kpiAdd(
            ZoneId zone,
            long t,
            String district,
            String caseId,
            boolean repeat,
            boolean closure,
            boolean onTime,
            String level,
            long end) {
        if (t >= end) {
            return;
        }
        LocalDate day = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
        Map<String, ComplaintSim.KpiTruth> m = kpi.computeIfAbsent(day, d -> new TreeMap<>());
        ComplaintSim.KpiTruth old =
                m.getOrDefault(
                        district,
                        new ComplaintSim.KpiTruth(
                                0,
                                0,
                                0,
                                0,
                                0,
                                Map.of("BLUE", 0L, "YELLOW", 0L, "ORANGE", 0L, "RED", 0L)));
        long complaints = old.complaints();
        long distinct = old.distinctCases();
        long repeats = old.repeats();
        long closures = old.closures();
        long onTimes = old.onTimeClosures();
        Map<String, Long> overdue = new TreeMap<>(old.overdue());
        if (level != null) {
            overdue.merge(level, 1L, Long::sum);
        } else if (closure) {
            closures++;
            onTimes += onTime ? 1 : 0;
        } else {
            complaints++;
            repeats += repeat ? 1 : 0;
            if (casesPerDayDistrict
                    .computeIfAbsent(day + "|" + district, x -> new HashSet<>())
                    .add(caseId)) {
                distinct++;
            }
        }
        m.put(
                district,
                new ComplaintSim.KpiTruth(
                        complaints, distinct, repeats, closures, onTimes, Map.copyOf(overdue)));
    }
}
