package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.model.ShopViolation;
import org.gridwatch.sim.city.ShopGenerator;
import org.locationtech.jts.geom.Coordinate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Each shop's violation history over the scenario and the camera reports it makes: the part of
 * {@link ShopSim} that draws. Rate {@code SHOP_REPEAT_VIOLATION} is the share of chronic shops (3
 * to 6 violation records in the day); three times as many are occasional (1 or 2); the rest are
 * clean; with the rate 0 no shop violates. An occurrence lasts 10 to 120 min, mostly starting
 * between 07:00 and 22:00, and a shop's next record starts more than 2 x goneAfter after it ends. A
 * shop a camera watches has its records seen by that camera (a chronic shop's now and then found by
 * an inspection instead); one no camera watches has them found by inspections only.
 */
final class ShopPlan {
    /** A planned violation record: camera-seen occurrence, or an inspection's own finding. */
    record Planned(Shop shop, ShopViolation type, long start, long duration, boolean byCamera) {}

    final List<Planned> planned = new ArrayList<>();
    final List<ShopReport> candidates = new ArrayList<>();
    final Map<String, String> cameraOf = new HashMap<>();
    final Map<String, List<Shop>> watched = new HashMap<>();
    private final ShopRule rule;
    private final double jitterM;

    ShopPlan(Simulation.Context ctx, ShopRule rule, SplittableRandom r) {
        this.rule = rule;
        // Ground jitter of the detection point: a little more in a noisy scenario, never so much
        // that a detection on a frontage's middle could reach past the ambiguity margin.
        this.jitterM = ctx.scenario().gpsNoiseMeters() > 10 ? 3.0 : 2.0;
        double rate = ctx.scenario().violation("SHOP_REPEAT_VIOLATION");
        List<Device> cams =
                ctx.city().devices().stream().filter(d -> d.deviceId().startsWith("SCAM")).toList();
        for (Shop s : ctx.city().shops()) {
            double[] m = mid(s);
            Device best = null;
            double bestD = ShopGenerator.COVER_M;
            for (Device d : cams) {
                double dd =
                        Math.hypot(
                                rule.projection().x(d.lon()) - m[0],
                                rule.projection().y(d.lat()) - m[1]);
                if (dd < bestD) {
                    best = d;
                    bestD = dd;
                }
            }
            if (best != null) {
                cameraOf.put(s.shopId(), best.deviceId());
                watched.computeIfAbsent(best.deviceId(), k -> new ArrayList<>()).add(s);
            }
        }
        long from = ctx.start() + 10 * 60_000L;
        long to = ctx.end() - 130 * 60_000L;
        for (Shop s : ctx.city().shops()) {
            double u = r.nextDouble();
            if (rate <= 0 || to <= from || u >= 4 * rate) {
                continue;
            }
            boolean chronic = u < rate;
            int k = chronic ? 3 + r.nextInt(4) : 1 + r.nextInt(2);
            ShopViolation favourite = ShopViolation.values()[r.nextInt(4)];
            history(ctx, s, k, chronic, favourite, from, to, r);
        }
        for (Planned p : planned) {
            if (p.byCamera()) {
                reports(p, r);
            }
        }
        int normal = candidates.size();
        List<String> camIds = new ArrayList<>(watched.keySet());
        camIds.sort(null);
        for (String cam : camIds) {
            List<Shop> shops = watched.get(cam);
            for (int n = r.nextInt(4); n > 0; n--) {
                Shop s = shops.get(r.nextInt(shops.size()));
                double[] p = onFront(s, r, 0.1, 0.9, 0);
                candidates.add(
                        new ShopReport(
                                ShopReport.Kind.LOW,
                                businessTime(ctx, from, to, r),
                                cam,
                                null,
                                ShopViolation.values()[r.nextInt(4)].name(),
                                p[0],
                                p[1],
                                Math.round((0.2 + r.nextDouble() * 0.35) * 100) / 100.0));
            }
        }
        for (int n = Math.max(camIds.isEmpty() ? 0 : 1, normal / 100); n > 0; n--) {
            ambiguous(ctx, camIds.get(r.nextInt(camIds.size())), from, to, r);
        }
    }

    private void history(
            Simulation.Context ctx,
            Shop s,
            int k,
            boolean chronic,
            ShopViolation favourite,
            long from,
            long to,
            SplittableRandom r) {
        boolean covered = cameraOf.containsKey(s.shopId());
        for (int attempt = 0; attempt < 200; attempt++) {
            List<Planned> out = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                ShopViolation type =
                        r.nextDouble() < 0.7 ? favourite : ShopViolation.values()[r.nextInt(4)];
                boolean byCamera = covered && !(chronic && r.nextDouble() < 0.2);
                long dur = byCamera ? (10 + r.nextInt(111)) * 60_000L : 0;
                out.add(new Planned(s, type, businessTime(ctx, from, to, r), dur, byCamera));
            }
            out.sort((a, b) -> Long.compare(a.start(), b.start()));
            boolean ok = true;
            for (int i = 0; i + 1 < out.size() && ok; i++) {
                ok =
                        out.get(i + 1).start()
                                > out.get(i).start() + out.get(i).duration() + 61 * 60_000L;
            }
            if (ok) {
                planned.addAll(out);
                return;
            }
            if (attempt % 50 == 49 && k > 1) {
                k--;
            }
        }
    }

    /** A time in the scenario, 90 % of the draws in business hours (07:00-22:00 local). */
    static long businessTime(Simulation.Context ctx, long from, long to, SplittableRandom r) {
        while (true) {
            long t = from + (long) (r.nextDouble() * (to - from));
            int h = Instant.ofEpochMilli(t).atZone(ctx.city().zone()).getHour();
            if ((h >= 7 && h < 22) || r.nextDouble() < 0.1) {
                return t / 1000 * 1000;
            }
        }
    }

    private void reports(Planned p, SplittableRandom r) {
        String cam = cameraOf.get(p.shop().shopId());
        for (long t = p.start();
                t <= p.start() + p.duration();
                t += (60 + r.nextInt(241)) * 1000L) {
            double[] xy = onFront(p.shop(), r, 0.35, 0.65, jitterM);
            candidates.add(
                    new ShopReport(
                            ShopReport.Kind.NORMAL,
                            t,
                            cam,
                            p.shop().shopId(),
                            p.type().name(),
                            xy[0],
                            xy[1],
                            Math.round((0.65 + r.nextDouble() * 0.34) * 100) / 100.0));
        }
    }

    /** A detection between the facing ends of two adjacent shops of the camera's row. */
    private void ambiguous(
            Simulation.Context ctx, String cam, long from, long to, SplittableRandom r) {
        List<Shop> shops = watched.get(cam);
        Shop a = shops.get(r.nextInt(shops.size()));
        double[][] ea = ends(a);
        double best = Double.MAX_VALUE;
        double[] pair = null;
        for (Shop b : shops) {
            if (b == a) {
                continue;
            }
            for (double[] p : ea) {
                for (double[] q : ends(b)) {
                    double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
                    if (d < best) {
                        best = d;
                        pair = new double[] {(p[0] + q[0]) / 2, (p[1] + q[1]) / 2};
                    }
                }
            }
        }
        if (pair == null || best > 8) {
            return;
        }
        candidates.add(
                new ShopReport(
                        ShopReport.Kind.AMBIGUOUS,
                        businessTime(ctx, from, to, r),
                        cam,
                        null,
                        ShopViolation.values()[r.nextInt(4)].name(),
                        pair[0] + (r.nextDouble() - 0.5) * 0.4,
                        pair[1] + (r.nextDouble() - 0.5) * 0.4,
                        Math.round((0.65 + r.nextDouble() * 0.34) * 100) / 100.0));
    }

    /**
     * A point on the frontage between fractions {@code lo} and {@code hi} of its length, moved by
     * up to {@code jitter} metres in a random direction.
     */
    double[] onFront(Shop s, SplittableRandom r, double lo, double hi, double jitter) {
        double[][] e = ends(s);
        double f = lo + r.nextDouble() * (hi - lo);
        double a = r.nextDouble() * 2 * Math.PI;
        double d = jitter * Math.sqrt(r.nextDouble());
        return new double[] {
            e[0][0] + f * (e[1][0] - e[0][0]) + d * Math.cos(a),
            e[0][1] + f * (e[1][1] - e[0][1]) + d * Math.sin(a)
        };
    }

    double jitterM() {
        return jitterM;
    }

    double[][] ends(Shop s) {
        Coordinate[] c = s.frontage().getCoordinates();
        Coordinate z = c[c.length - 1];
        return new double[][] {
            {rule.projection().x(c[0].x), rule.projection().y(c[0].y)},
            {rule.projection().x(z.x), rule.projection().y(z.y)}
        };
    }

    double[] mid(Shop s) {
        double[][] e = ends(s);
        return new double[] {(e[0][0] + e[1][0]) / 2, (e[0][1] + e[1][1]) / 2};
    }
}
