package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.geo.LocalProjection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Citizen complaints from every hotline channel and the lifecycle of their cases (topic {@code
 * gridwatch.hotline}), planned for the whole scenario at construction and then played in event
 * time.
 *
 * <p>Realism (docs/simulation.md#complaints-and-cases-complaintsim): about 0.6 complaints per grid
 * and day (about 600 a day in a Minhang-sized city), an hour-of-day profile with morning and
 * afternoon office peaks and an evening street-stall peak, a category mix dominated by street order
 * and advertising, channels 12345, 12319, 962000, 96310, web and app. Lawful cases are closed
 * within 10-40 % of their limit (working time), so they never reach blue; 3 % of closed cases are
 * reopened 1-4 h later and closed again quickly.
 *
 * <p>Injected violations: {@code COMPLAINT_REPEAT} is the share of complaints that draw 1-3 further
 * complaints of the same category 20-180 m away within 6 h; {@code CASE_OVERDUE} is the share of
 * cases closed late, at a point past blue, yellow, orange or red (chosen uniformly; margins of at
 * least 5 % of the limit away from every colour instant).
 *
 * <p>Ground truth is not the intention but the catalogue rule applied to everything generated:
 * every complaint, injected or not, goes through the merge rule (same category, 250 m, open or
 * closed within 7 days, nearest case), so accidental neighbours are repeats too. COMPLAINT_REPEAT
 * truth (entity = the case) is [t, t + 60 s] around the complaint or reopen that brings the case to
 * 3 while no repeat episode of the case is open (closing the case ends the episode).
 * CASE_OVERDUE.&lt;COLOUR&gt; truth is [t, t + 60 s] at each colour instant (50/80/100/200 % of the
 * limit in working time, see {@link CaseWorkingTime}) that comes before the case closes; a reopen
 * starts a new clock.
 *
 * <p>The figures the complaints are drawn from are in {@link ComplaintMix}; the truth is derived in
 * {@link CaseTruth}.
 */
public final class ComplaintSim extends EntitySim {
    static final double MERGE_RADIUS_M = 250;
    static final long MERGE_WINDOW_MS = 7L * 24 * 3_600_000L;
    static final int REPEAT_THRESHOLD = 3;
    static final String[] LEVELS = {"BLUE", "YELLOW", "ORANGE", "RED"};

    /** KPI truth of one district on one local day (see the job's KpiCounts for the definitions). */
    public record KpiTruth(
            long complaints,
            long distinctCases,
            long repeats,
            long closures,
            long onTimeClosures,
            Map<String, Long> overdue) {}

    /** One planned complaint; package-private so that {@link CaseTruth} can read it. */
    static final class Complaint {
        String ticket;
        String channel;
        String category;
        double lat;
        double lon;
        long t;
        Grid grid;
        Case joined;
        String shopId;
        String outcome;
    }

    /** One planned case and its lifecycle instants, read by {@link CaseTruth}. */
    static final class Case {
        Complaint first;
        int limit;
        long dispatched;
        long handled;
        long close1;
        long reopen; // 0 = never
        long close2; // close after the reopen
        final List<Long> joins = new ArrayList<>();
        final List<String> joinTickets = new ArrayList<>(); // the tickets of the joins, in order

        boolean eligibleAt(long t) {
            long lastClose = 0;
            if (close1 <= t) {
                lastClose = close1;
            }
            if (reopen != 0 && reopen <= t) {
                lastClose = close2 <= t ? close2 : 0;
            }
            return lastClose == 0 || t - lastClose <= MERGE_WINDOW_MS;
        }
    }

    private final List<SimEvent> events = new ArrayList<>();
    private final CaseTruth caseTruth = new CaseTruth();
    private final List<Complaint> received = new ArrayList<>();
    private final List<Complaint> closed = new ArrayList<>();
    private int next;

    /**
     * Plans every complaint and case step of the scenario (deterministic: same context, same plan),
     * the shops' complaints ({@link ShopSim}) among them.
     */
    public ComplaintSim(Simulation.Context ctx) {
        this(ctx, new ShopSim(ctx).complaints());
    }

    ComplaintSim(Simulation.Context ctx, List<ShopSim.ShopComplaint> shopComplaints) {
        plan(ctx, shopComplaints);
        events.sort(Comparator.comparingLong(SimEvent::eventTime));
    }

    /** Every complaint received within the run, in time order. */
    List<Complaint> received() {
        return received;
    }

    /** The first complaint of the case of every CLOSED event sent (a case closed twice: twice). */
    List<Complaint> closed() {
        return closed;
    }

    @Override
    long nextTime() {
        return next < events.size() ? events.get(next).eventTime() : Long.MAX_VALUE;
    }

    @Override
    SimEvent step() {
        return events.get(next++);
    }

    /**
     * KPI truth per local day and district, for the events this simulation emits (complete after
     * construction).
     */
    public Map<LocalDate, Map<String, KpiTruth>> kpiTruth() {
        return caseTruth.kpi();
    }

    int eventCount() {
        return events.size();
    }

    private void plan(Simulation.Context ctx, List<ShopSim.ShopComplaint> shopComplaints) {
        SplittableRandom r = new SplittableRandom(ctx.seed(9, 0));
        ZoneId zone = ctx.city().zone();
        CaseWorkingTime cal = new CaseWorkingTime(zone);
        List<Grid> grids = ctx.city().grids();
        if (grids.isEmpty()) {
            return;
        }
        long end = ctx.end();
        // One stream, drawn in this order: every complaint first, then every case's lifecycle.
        List<Complaint> complaints = drawComplaints(ctx, r, grids);
        ShopSim.addComplaints(complaints, shopComplaints, grids);
        List<Case> cases =
                openCases(complaints, r, cal, end, ctx.scenario().violation("CASE_OVERDUE"));
        emitSteps(cases, end);
        for (Case k : cases) {
            caseTruth.truth(k, ctx, cal, zone);
        }
    }

    /**
     * Every complaint of the scenario, the injected repeats among them, in time order (ties by
     * ticket).
     */
    private static List<Complaint> drawComplaints(
            Simulation.Context ctx, SplittableRandom r, List<Grid> grids) {
        ZoneId zone = ctx.city().zone();
        LocalProjection proj = ctx.projection();
        long start = ctx.start();
        long end = ctx.end();
        double hours = (end - start) / 3_600_000.0;
        int n = (int) Math.round(grids.size() * 0.6 * hours / 24);
        double repeatRate = ctx.scenario().violation("COMPLAINT_REPEAT");
        double maxW = java.util.Arrays.stream(ComplaintMix.HOURLY).max().orElse(1);
        List<Complaint> complaints = new ArrayList<>();
        int seq = 0;
        while (complaints.size() < n) {
            long t = start + (long) (r.nextDouble() * (end - start));
            int h = Instant.ofEpochMilli(t).atZone(zone).getHour();
            if (r.nextDouble() * maxW > ComplaintMix.HOURLY[h]) {
                continue;
            }
            String category = ComplaintMix.pick(ComplaintMix.CATEGORY_SHARES, r);
            Grid g;
            double[] xy;
            int tries = 0;
            do {
                // Independent complaints are about distinct places: a spot already complained about
                // (same category, within DISTINCT_PLACE_M) is a repeat, which only the injection
                // makes.
                g = grids.get(r.nextInt(grids.size()));
                xy = Plane.randomPointIn(g.polygon(), proj, r);
            } while (nearSameCategory(complaints, category, proj.lat(xy[1]), proj.lon(xy[0]))
                    && ++tries < 50);
            Complaint c =
                    complaint(
                            ++seq,
                            ComplaintMix.pick(ComplaintMix.CHANNEL_SHARES, r),
                            category,
                            proj.lat(xy[1]),
                            proj.lon(xy[0]),
                            t,
                            g);
            complaints.add(c);
            if (r.nextDouble() < repeatRate) {
                double u = r.nextDouble();
                int k = u < 0.3 ? 1 : u < 0.8 ? 2 : 3;
                for (int i = 0; i < k; i++) {
                    double d = 20 + r.nextDouble() * 160;
                    double a = r.nextDouble() * 2 * Math.PI;
                    double x = xy[0] + d * Math.cos(a);
                    double y = xy[1] + d * Math.sin(a);
                    long tr = t + 600_000L + (long) (r.nextDouble() * 6 * 3_600_000L);
                    complaints.add(
                            complaint(
                                    ++seq,
                                    ComplaintMix.pick(ComplaintMix.CHANNEL_SHARES, r),
                                    c.category,
                                    proj.lat(y),
                                    proj.lon(x),
                                    tr,
                                    c.grid));
                }
            }
        }
        complaints.sort(
                Comparator.comparingLong((Complaint c) -> c.t).thenComparing(c -> c.ticket));
        return complaints;
    }

    /**
     * Applies the merge rule to the complaints in time order: a complaint joins the nearest open
     * (or recently closed) case of its category, or opens a case whose close, and possibly reopen,
     * is drawn here. Emits every received record.
     */
    private List<Case> openCases(
            List<Complaint> complaints,
            SplittableRandom r,
            CaseWorkingTime cal,
            long end,
            double overdueRate) {
        List<Case> cases = new ArrayList<>();
        SplittableRandom shopR = new SplittableRandom(r.nextLong() ^ 0x5409L);
        for (Complaint c : complaints) {
            if (c.t >= end) {
                continue;
            }
            Case best = null;
            double bestD = Double.MAX_VALUE;
            for (Case k : cases) {
                if (!k.first.category.equals(c.category) || !k.eligibleAt(c.t)) {
                    continue;
                }
                double d = LocalProjection.haversineMetres(c.lat, c.lon, k.first.lat, k.first.lon);
                if (d <= MERGE_RADIUS_M && d < bestD) {
                    best = k;
                    bestD = d;
                }
            }
            if (best != null) {
                c.joined = best;
                best.joins.add(c.t);
                best.joinTickets.add(c.ticket);
                emitReceived(c, c.grid);
                continue;
            }
            Case k = new Case();
            k.first = c;
            k.limit = ComplaintMix.limitOf(c.category);
            double frac;
            if (c.shopId != null) {
                // A shop's case is worked promptly (10-40 % of its limit), from a stream of its
                // own.
                frac = 0.1 + shopR.nextDouble() * 0.3;
                k.close1 = cal.plus(c.t, Math.max(1, Math.round(k.limit * frac)));
                long span = k.close1 - c.t;
                k.dispatched = c.t + Math.min(300_000L, span / 4);
                k.handled = c.t + span * 3 / 4;
                cases.add(k);
                emitReceived(c, c.grid);
                continue;
            }
            if (r.nextDouble() < overdueRate) {
                double[][] ranges = {{0.55, 0.75}, {0.85, 0.95}, {1.1, 1.9}, {2.2, 3.0}};
                double[] range = ranges[r.nextInt(4)];
                frac = range[0] + r.nextDouble() * (range[1] - range[0]);
            } else {
                frac = 0.1 + r.nextDouble() * 0.3;
            }
            k.close1 = cal.plus(c.t, Math.max(1, Math.round(k.limit * frac))) + r.nextInt(30_000);
            long span = k.close1 - c.t;
            k.dispatched = c.t + Math.min(300_000L, span / 4);
            k.handled = c.t + span * 3 / 4;
            if (frac < 0.5 && r.nextDouble() < 0.03) {
                k.reopen = k.close1 + 3_600_000L + (long) (r.nextDouble() * 3 * 3_600_000L);
                k.close2 =
                        cal.plus(
                                        k.reopen,
                                        Math.max(
                                                1,
                                                Math.round(k.limit * (0.1 + r.nextDouble() * 0.3))))
                                + r.nextInt(30_000);
            }
            cases.add(k);
            emitReceived(c, c.grid);
        }
        return cases;
    }

    /** Emits the dispatch, handling, close and reopen steps of every case that fall in the run. */
    private void emitSteps(List<Case> cases, long end) {
        for (Case k : cases) {
            if (!k.joins.isEmpty()) {
                // Reopens are a follow-up of a lone complainant; a case that drew repeats is not
                // reopened (merging does not depend on it: within the 7-day window a closed case
                // takes repeats anyway).
                k.reopen = 0;
            }
            String id = k.first.ticket;
            step(id, "DISPATCHED", k.dispatched, end, 1);
            step(id, "HANDLED", k.handled, end, 2);
            if (k.close1 < end) {
                closed.add(k.first);
            }
            if (k.reopen != 0 && k.close2 < end) {
                closed.add(k.first);
            }
            if (k.first.shopId != null && k.close1 < end) {
                events.add(
                        HotlineRecords.closedForShop(
                                id, k.close1, 3, k.first.shopId, k.first.outcome));
            } else {
                step(id, "CLOSED", k.close1, end, 3);
            }
            if (k.reopen != 0) {
                step(id, "REOPENED", k.reopen, end, 4);
                step(id, "CLOSED", k.close2, end, 5);
            }
        }
    }

    /** Independent complaints of one category keep this far apart (twice the merge radius). */
    static final double DISTINCT_PLACE_M = 2 * MERGE_RADIUS_M;

    private static boolean nearSameCategory(
            List<Complaint> complaints, String category, double lat, double lon) {
        for (Complaint o : complaints) {
            if (o.category.equals(category)
                    && LocalProjection.haversineMetres(lat, lon, o.lat, o.lon)
                            <= DISTINCT_PLACE_M) {
                return true;
            }
        }
        return false;
    }

    static Complaint complaint(
            int seq, String channel, String category, double lat, double lon, long t, Grid g) {
        Complaint c = new Complaint();
        c.channel = channel;
        c.ticket = c.channel + "-" + String.format("%06d", seq);
        c.category = category;
        c.lat = Math.round(lat * 1e6) / 1e6;
        c.lon = Math.round(lon * 1e6) / 1e6;
        c.t = t;
        c.grid = g;
        return c;
    }

    private void emitReceived(Complaint c, Grid g) {
        received.add(c);
        SimEvent e =
                HotlineRecords.received(
                        c.ticket,
                        c.t,
                        c.channel,
                        c.category,
                        c.lat,
                        c.lon,
                        g.districtName(),
                        ComplaintMix.limitOf(c.category));
        events.add(c.shopId == null ? e : HotlineRecords.namingShop(e, c.shopId));
    }

    private void step(String ticket, String kind, long t, long end, int n) {
        if (t < end) {
            events.add(HotlineRecords.step(ticket, kind, t, n));
        }
    }
}
