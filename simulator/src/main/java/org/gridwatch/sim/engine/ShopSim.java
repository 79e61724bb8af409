package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shops' side of a run (一店一档): camera detections of shop-front violations (SHOP_VIOLATION),
 * officers' inspection records (SHOP_INSPECTION), and the shop complaints {@link ComplaintSim}
 * plays as hotline cases. The history is drawn by {@link ShopPlan}; here every planned camera
 * report is checked against THE RULE as a camera's detections are replayed in time (a report that
 * would not go to its shop unambiguously, or that a camera's hysteresis would hold for another
 * shop, is redrawn, else not sent), inspections are added, and {@link ShopTruth} derives the truth
 * and the per-shop counts from exactly what is sent.
 *
 * <p>Inspections: each officer inspects 2 to 4 shops of their grids a shift (in order, or finding
 * the violation a camera is seeing at that moment, which then confirms the camera's occurrence);
 * 1.5 % of pairs of consecutive camera reports get an inspection between them; the inspection
 * records a planned history has are sent by an officer of the shop's grid on shift (none on shift:
 * not sent). One violation record in 14 draws a complaint naming the shop.
 */
public final class ShopSim extends EntitySim {
    /** A complaint about a shop for {@link ComplaintSim}: where, when, and the case's outcome. */
    record ShopComplaint(
            String shopId, long t, double lat, double lon, String grid, String outcome) {}

    private final List<SimEvent> events = new ArrayList<>();
    private final List<ShopReport> sent = new ArrayList<>();
    private final List<ShopComplaint> complaints = new ArrayList<>();
    private final ShopRule rule;
    private final ShopTruth truth;
    private int dropped;
    private int next;

    ShopSim(Simulation.Context ctx) {
        rule = new ShopRule(ctx.city().shops(), ctx.projection());
        SplittableRandom r = new SplittableRandom(ctx.seed(21, 0));
        ShopPlan plan = new ShopPlan(ctx, rule, r);
        replay(plan, r);
        inspections(ctx, plan, r);
        truth = new ShopTruth(sent);
        for (ShopTruth.Record rec : truth.records()) {
            // About one record in 14 draws a citizen's complaint (the hotline's own mix stays the
            // bulk of its 600 complaints a day).
            if (r.nextDouble() < 0.07) {
                Shop s = rule.front(rec.shopId()).shop();
                double[] m = plan.onFront(s, r, 0.2, 0.8, 3);
                double u = r.nextDouble();
                complaints.add(
                        new ShopComplaint(
                                s.shopId(),
                                rec.start() + (5 + r.nextInt(30)) * 60_000L,
                                Math.round(ctx.projection().lat(m[1]) * 1e6) / 1e6,
                                Math.round(ctx.projection().lon(m[0]) * 1e6) / 1e6,
                                s.gridCode(),
                                u < 0.2 ? "FINED" : u < 0.6 ? "RECTIFICATION_ORDERED" : "WARNED"));
            }
        }
        sent.forEach(rep -> events.add(event(rep, ctx)));
        events.sort(Comparator.comparingLong(SimEvent::eventTime));
    }

    /** Keeps the candidates a correct system attributes as the simulator means them. */
    private void replay(ShopPlan plan, SplittableRandom r) {
        List<ShopReport> cands = new ArrayList<>(plan.candidates);
        cands.sort(Comparator.comparingLong(ShopReport::time).thenComparing(ShopReport::device));
        Map<String, String> held = new HashMap<>();
        for (ShopReport c : cands) {
            String state = held.get(c.device());
            switch (c.kind()) {
                case LOW -> sent.add(c);
                case AMBIGUOUS -> {
                    if ("".equals(rule.nearest(c.x(), c.y())) && !rule.holds(state, c.x(), c.y())) {
                        sent.add(c);
                    }
                }
                case NORMAL -> {
                    ShopReport ok = null;
                    Shop s = rule.front(c.shopId()).shop();
                    for (int k = 0; k < 10 && ok == null; k++) {
                        ShopReport t = c;
                        if (k > 0) {
                            double[] p = plan.onFront(s, r, 0.4, 0.6, plan.jitterM());
                            t =
                                    new ShopReport(
                                            c.kind(),
                                            c.time(),
                                            c.device(),
                                            c.shopId(),
                                            c.violation(),
                                            p[0],
                                            p[1],
                                            c.confidence());
                        }
                        boolean stays =
                                state == null
                                        || state.equals(c.shopId())
                                        || !rule.holds(state, t.x(), t.y());
                        if (c.shopId().equals(rule.nearest(t.x(), t.y()))
                                && stays
                                && rule.beyondHysteresis(t.x(), t.y())) {
                            ok = t;
                        }
                    }
                    if (ok != null) {
                        sent.add(ok);
                        held.put(c.device(), c.shopId());
                    } else {
                        dropped++;
                    }
                }
                default -> {}
            }
        }
    }

    private void inspections(Simulation.Context ctx, ShopPlan plan, SplittableRandom r) {
        Map<String, List<Officer>> byGrid = new HashMap<>();
        for (Officer o : ctx.city().officers()) {
            o.gridCodes().forEach(g -> byGrid.computeIfAbsent(g, k -> new ArrayList<>()).add(o));
        }
        Map<String, List<Shop>> shopsByGrid = new HashMap<>();
        ctx.city()
                .shops()
                .forEach(
                        s ->
                                shopsByGrid
                                        .computeIfAbsent(s.gridCode(), k -> new ArrayList<>())
                                        .add(s));
        // Camera reports per shop, to know when a violation is going on.
        Map<String, List<ShopReport>> seen = new HashMap<>();
        for (ShopReport s : sent) {
            if (s.kind() == ShopReport.Kind.NORMAL) {
                seen.computeIfAbsent(s.shopId(), k -> new ArrayList<>()).add(s);
            }
        }
        List<ShopReport> found = new ArrayList<>();
        for (ShopPlan.Planned p : plan.planned) {
            if (!p.byCamera()) {
                Officer o = onDuty(byGrid.get(p.shop().gridCode()), p.start(), ctx);
                if (o != null) {
                    found.add(inspection(o, p.shop(), p.start(), p.type().name(), plan, r, ctx));
                }
            }
        }
        for (List<ShopReport> reps : seen.values()) {
            for (int i = 0; i + 1 < reps.size(); i++) {
                ShopReport a = reps.get(i);
                ShopReport b = reps.get(i + 1);
                if (a.violation().equals(b.violation())
                        && b.time() - a.time() < ShopRule.GONE_AFTER_MS
                        && r.nextDouble() < 0.015) {
                    long t =
                            a.time()
                                    + 30_000
                                    + r.nextLong(Math.max(1, b.time() - a.time() - 60_000));
                    Shop s = rule.front(a.shopId()).shop();
                    Officer o = onDuty(byGrid.get(s.gridCode()), t, ctx);
                    if (o != null) {
                        found.add(inspection(o, s, t, a.violation(), plan, r, ctx));
                    }
                }
            }
        }
        LocalDate first = Instant.ofEpochMilli(ctx.start()).atZone(ctx.city().zone()).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(ctx.end()).atZone(ctx.city().zone()).toLocalDate();
        for (Officer o : ctx.city().officers()) {
            List<Shop> mine = new ArrayList<>();
            o.gridCodes().forEach(g -> mine.addAll(shopsByGrid.getOrDefault(g, List.of())));
            if (mine.isEmpty() || o.shift().wrapsMidnight()) {
                continue;
            }
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                long s0 =
                        d.atTime(o.shift().start())
                                .atZone(ctx.city().zone())
                                .toInstant()
                                .toEpochMilli();
                long s1 =
                        d.atTime(o.shift().end())
                                .atZone(ctx.city().zone())
                                .toInstant()
                                .toEpochMilli();
                s0 = Math.max(s0, ctx.start());
                s1 = Math.min(s1, ctx.end());
                for (int n = 2 + r.nextInt(3); n > 0 && s1 > s0; n--) {
                    long t = (s0 + (long) (r.nextDouble() * (s1 - s0))) / 1000 * 1000;
                    Shop s = mine.get(r.nextInt(mine.size()));
                    found.add(inspection(o, s, t, goingOn(seen.get(s.shopId()), t), plan, r, ctx));
                }
            }
        }
        sent.addAll(found);
    }

    /** The violation a camera sees going on at {@code t} (reports on both sides), or null. */
    private static String goingOn(List<ShopReport> reps, long t) {
        if (reps != null) {
            for (int i = 0; i + 1 < reps.size(); i++) {
                ShopReport a = reps.get(i);
                ShopReport b = reps.get(i + 1);
                if (a.time() + 10_000 <= t
                        && t + 10_000 <= b.time()
                        && a.violation().equals(b.violation())
                        && b.time() - a.time() < ShopRule.GONE_AFTER_MS) {
                    return a.violation();
                }
            }
        }
        return null;
    }

    private static Officer onDuty(List<Officer> officers, long t, Simulation.Context ctx) {
        if (officers != null) {
            for (Officer o : officers) {
                if (o.shift().contains(t, ctx.city().zone())) {
                    return o;
                }
            }
        }
        return null;
    }

    private static ShopReport inspection(
            Officer o,
            Shop s,
            long t,
            String violation,
            ShopPlan plan,
            SplittableRandom r,
            Simulation.Context ctx) {
        double[] m = plan.mid(s);
        double sd = ctx.scenario().gpsNoiseMeters();
        return new ShopReport(
                ShopReport.Kind.INSPECTION,
                t,
                o.officerId(),
                s.shopId(),
                violation,
                m[0] + r.nextGaussian() * sd,
                m[1] + r.nextGaussian() * sd,
                1.0);
    }

    private static SimEvent event(ShopReport rep, Simulation.Context ctx) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        boolean insp = rep.kind() == ShopReport.Kind.INSPECTION;
        e.put("deviceId", rep.device());
        e.put("kind", insp ? "SHOP_INSPECTION" : "SHOP_VIOLATION");
        e.put("time", Instant.ofEpochMilli(rep.time()).toString());
        e.put("lat", Math.round(ctx.projection().lat(rep.y()) * 1e7) / 1e7);
        e.put("lon", Math.round(ctx.projection().lon(rep.x()) * 1e7) / 1e7);
        if (insp) {
            e.put("shopId", rep.shopId());
        } else {
            e.put("confidence", rep.confidence());
        }
        if (rep.violation() != null) {
            e.put("violation", rep.violation());
        }
        e.put(
                "photoUrl",
                "https://evidence.gridwatch.invalid/shop/"
                        + rep.device()
                        + "/"
                        + rep.time() / 1000
                        + ".jpg");
        return new SimEvent(Topics.IOT, rep.device(), rep.time(), Json.bytes(e));
    }

    /** Adds the SHOP_REPEAT_VIOLATION truth and the per-shop counts of the run to {@code t}. */
    void record(Truth t, ComplaintSim hotline) {
        truth.repeats(t);
        for (ComplaintSim.Complaint c : hotline.received()) {
            String shop = shopOf(c);
            if (shop != null) {
                truth.count(shop).complaint();
            }
        }
        for (ComplaintSim.Complaint c : hotline.closed()) {
            String shop = shopOf(c);
            if (shop != null) {
                truth.count(shop).closure();
            }
        }
        t.shops(truth.counts());
    }

    /**
     * Adds the shops' complaints (channel 12345, category 09005 店外经营, tickets {@code 12345-Snnnnn})
     * and restores the time order.
     */
    static void addComplaints(
            List<ComplaintSim.Complaint> complaints, List<ShopComplaint> shop, List<Grid> grids) {
        if (shop.isEmpty()) {
            return;
        }
        Map<String, Grid> byCode = new HashMap<>();
        grids.forEach(g -> byCode.put(g.gridCode(), g));
        int seq = 0;
        for (ShopComplaint s : shop) {
            Grid g = byCode.get(s.grid());
            if (g == null) {
                continue;
            }
            ComplaintSim.Complaint c =
                    ComplaintSim.complaint(
                            0, "12345", SHOP_FRONT_CATEGORY, s.lat(), s.lon(), s.t(), g);
            c.ticket = String.format("12345-S%05d", ++seq);
            c.shopId = s.shopId();
            c.outcome = s.outcome();
            complaints.add(c);
        }
        complaints.sort(
                Comparator.comparingLong((ComplaintSim.Complaint c) -> c.t)
                        .thenComparing(c -> c.ticket));
    }

    /** The category of the shops' own complaints (09005 店外经营). */
    static final String SHOP_FRONT_CATEGORY = "09005";

    /**
     * Complaints of these categories located at a frontage (plain rule, no ambiguity) go to its
     * shop's file: 09005 店外经营 and 06001 私搭乱建 (破墙开店).
     */
    static final java.util.Set<String> SHOP_FRONT_CATEGORIES = java.util.Set.of("09005", "06001");

    /** The shop whose file a complaint (and its case) goes to, or null. */
    private String shopOf(ComplaintSim.Complaint c) {
        if (c.shopId != null) {
            return c.shopId;
        }
        if (!SHOP_FRONT_CATEGORIES.contains(c.category)) {
            return null;
        }
        String s = rule.nearest(rule.projection().x(c.lon), rule.projection().y(c.lat));
        return s != null && rule.front(s) != null ? s : null;
    }

    /** The records sent, before disorder (tests check them against THE RULE). */
    List<ShopReport> sent() {
        return sent;
    }

    /** Planned camera reports of a violation that no draw could make attribute as meant. */
    int dropped() {
        return dropped;
    }

    List<ShopComplaint> complaints() {
        return complaints;
    }

    ShopTruth truth() {
        return truth;
    }

    @Override
    long nextTime() {
        return next < events.size() ? events.get(next).eventTime() : Long.MAX_VALUE;
    }

    @Override
    SimEvent step() {
        return events.get(next++);
    }
}
