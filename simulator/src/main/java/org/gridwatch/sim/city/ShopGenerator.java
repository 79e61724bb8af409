package org.gridwatch.sim.city;

import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Shop;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Places the street-front shops of a generated city (一店一档) and the cameras that watch them.
 *
 * <p>Shops stand in rows of 5 to 15 along the arterials, on either side, their frontage a straight
 * line of 6 to 20 m parallel to the road and {@value #MIN_SETBACK_M} to {@value #MAX_SETBACK_M} m
 * from its centre line, adjacent shops at least {@value #MIN_GAP_M} m apart (the attribution rule's
 * ambiguity margin is 2 m: a detection on a shop's frontage must be told from its neighbour's).
 * Rows keep 40 m from crossings and 30 m from each other and from the district edge; about three
 * shops per grid. Two rows in three get a camera across the road from their middle ({@code
 * SCAMnnnn}, a CAMERA without a stall spot), which watches every shop nearer to it than to another
 * shop camera, within {@value #COVER_M} m.
 *
 * <p>Draws from a random stream of its own, so the rest of the city is as it was before shops.
 */
public final class ShopGenerator {
    static final double MIN_GAP_M = 2.5;
    static final double MIN_SETBACK_M = 9;
    static final double MAX_SETBACK_M = 12;

    /** How far a shop camera sees along its row. */
    public static final double COVER_M = 150;

    private static final String[] NS_ROADS = {
        "虹梅路", "莲花南路", "七莘路", "莘松路", "沪闵路", "银都路", "莘庄路", "龙吴路", "华漕路", "纪翟路", "诸光路", "联友路", "浦锦路",
        "闵北路", "金都路", "水清路"
    };
    private static final String[] EW_ROADS = {
        "春申路", "古美路", "都市路", "剑川路", "申南路", "顾戴路", "银春路", "吴中路", "漕宝路", "江川路", "瓶安路", "申富路", "光华路",
        "北松路", "颛兴路", "昆阳路"
    };
    private static final String[] CATEGORIES = {"餐饮", "零售", "便利店", "维修", "美容美发", "五金建材", "水果生鲜"};
    private static final double[] CATEGORY_WEIGHTS = {0.3, 0.2, 0.1, 0.1, 0.1, 0.08, 0.12};
    private static final String[][] SUFFIXES = {
        {"面馆", "小吃店", "饭店", "馄饨店", "烧烤店", "包子铺"},
        {"商行", "百货店", "日杂店", "烟杂店"},
        {"便利店", "便利超市", "24小时便利"},
        {"电动车维修", "修车铺", "家电维修", "手机维修"},
        {"美发店", "美容院", "发型设计"},
        {"五金店", "建材商行", "装潢材料"},
        {"水果店", "生鲜超市", "蔬果行"}
    };
    private static final String[] PREFIXES = {
        "老王", "好运", "鑫源", "金福", "阿强", "兴隆", "小李", "顺发", "佳佳", "旺旺", "德胜", "新意", "红星", "万家", "福满",
        "老街", "惠民", "永和", "春来", "康乐"
    };

    /** The shops and the cameras watching them. */
    public record Result(List<Shop> shops, List<Device> cameras) {}

    private ShopGenerator() {}

    static Result generate(CityPlane plane, List<Grid> grids) {
        SplittableRandom r = plane.random(21);
        int target = grids.size() * 3;
        List<double[]> arterials = plane.roads().arterials();
        Map<String, List<double[]>> occupied = new HashMap<>();
        List<Shop> shops = new ArrayList<>();
        List<Device> cameras = new ArrayList<>();
        int attempts = 0;
        while (shops.size() < target && attempts++ < 50_000) {
            int a = r.nextInt(arterials.size());
            double[] art = arterials.get(a);
            boolean vertical = art[0] == art[2];
            int side = r.nextBoolean() ? 1 : -1;
            double length = vertical ? art[3] - art[1] : art[2] - art[0];
            int n = 5 + r.nextInt(11);
            double[] lens = new double[n];
            double[] gaps = new double[n];
            double rowLen = 0;
            for (int k = 0; k < n; k++) {
                lens[k] = 6 + r.nextDouble() * 14;
                gaps[k] = k == 0 ? 0 : MIN_GAP_M + r.nextDouble() * 3.5;
                rowLen += lens[k] + gaps[k];
            }
            double s0 = 100 + r.nextDouble() * (length - 200 - rowLen);
            double setback = MIN_SETBACK_M + r.nextDouble() * (MAX_SETBACK_M - MIN_SETBACK_M);
            boolean withCamera = r.nextInt(3) < 2;
            String key = a + ":" + side;
            if (s0 < 100
                    || nearCrossing(arterials, vertical, s0 - 40, s0 + rowLen + 40, art)
                    || overlaps(occupied.get(key), s0 - 30, s0 + rowLen + 30)) {
                continue;
            }
            double[] first = point(art, vertical, s0, side * setback);
            double[] last = point(art, vertical, s0 + rowLen, side * setback);
            if (!plane.inDistrict(first[0], first[1], 30)
                    || !plane.inDistrict(last[0], last[1], 30)) {
                continue;
            }
            List<Shop> row = new ArrayList<>();
            double s = s0;
            for (int k = 0; k < n; k++) {
                s += gaps[k];
                double[] p = point(art, vertical, s, side * setback);
                double[] q = point(art, vertical, s + lens[k], side * setback);
                Coordinate mid = plane.wgs((p[0] + q[0]) / 2, (p[1] + q[1]) / 2);
                Grid g = gridOf(grids, mid);
                if (g == null) {
                    row = null;
                    break;
                }
                double sMid = s + lens[k] / 2;
                row.add(
                        shop(
                                plane,
                                r,
                                shops.size() + row.size() + 1,
                                p,
                                q,
                                g,
                                vertical,
                                a,
                                sMid,
                                side));
                s += lens[k];
            }
            if (row == null) {
                continue;
            }
            occupied.computeIfAbsent(key, z -> new ArrayList<>())
                    .add(new double[] {s0, s0 + rowLen});
            shops.addAll(row);
            if (withCamera) {
                double[] c = point(art, vertical, s0 + rowLen / 2, -side * 8);
                Coordinate w = plane.wgs(c[0], c[1]);
                cameras.add(
                        new Device(
                                String.format("SCAM%04d", cameras.size() + 1),
                                Device.Kind.CAMERA,
                                w.y,
                                w.x,
                                null,
                                row.get(row.size() / 2).gridCode(),
                                null));
            }
        }
        return new Result(shops, cameras);
    }

    private static Shop shop(
            CityPlane plane,
            SplittableRandom r,
            int seq,
            double[] p,
            double[] q,
            Grid g,
            boolean vertical,
            int arterial,
            double sMid,
            int side) {
        int cat = pick(r);
        String[] suffixes = SUFFIXES[cat];
        String name = PREFIXES[r.nextInt(PREFIXES.length)] + suffixes[r.nextInt(suffixes.length)];
        double u = r.nextDouble();
        String licence =
                u < 0.85
                        ? CreditCode.unified(CityGenerator.DISTRICT_CODE, r)
                        : u < 0.95 ? CreditCode.legacy(CityGenerator.DISTRICT_CODE, r) : null;
        String[] roads = vertical ? NS_ROADS : EW_ROADS;
        int idx = vertical ? arterial : arterial - countVertical(plane);
        String road =
                roads[Math.floorMod(idx, roads.length)]
                        + (idx >= roads.length ? (idx / roads.length + 1) + "支路" : "");
        // Odd numbers on one side, even on the other; midpoints are at least 8 m apart, so the
        // numbers in a row are distinct.
        int number = (int) Math.floor(sMid / 4) * 2 + (side > 0 ? 1 : 2);
        return new Shop(
                String.format("S%05d", seq),
                name,
                licence,
                "上海市" + CityGenerator.DISTRICT_NAME + road + number + "号",
                CATEGORIES[cat],
                GeoJson.FACTORY.createLineString(
                        new Coordinate[] {plane.wgs(p[0], p[1]), plane.wgs(q[0], q[1])}),
                g.gridCode());
    }

    private static int countVertical(CityPlane plane) {
        int n = 0;
        for (double[] a : plane.roads().arterials()) {
            if (a[0] == a[2]) {
                n++;
            }
        }
        return n;
    }

    private static int pick(SplittableRandom r) {
        double u = r.nextDouble();
        for (int k = 0; k < CATEGORY_WEIGHTS.length; k++) {
            u -= CATEGORY_WEIGHTS[k];
            if (u < 0) {
                return k;
            }
        }
        return CATEGORY_WEIGHTS.length - 1;
    }

    /** A point {@code along} metres from the arterial's start, {@code off} metres to its side. */
    private static double[] point(double[] art, boolean vertical, double along, double off) {
        return vertical
                ? new double[] {art[0] + off, art[1] + along}
                : new double[] {art[0] + along, art[1] + off};
    }

    private static boolean nearCrossing(
            List<double[]> arterials, boolean vertical, double from, double to, double[] art) {
        for (double[] o : arterials) {
            boolean ov = o[0] == o[2];
            if (ov == vertical) {
                continue;
            }
            double at = vertical ? o[1] - art[1] : o[0] - art[0];
            if (at >= from && at <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(List<double[]> taken, double from, double to) {
        if (taken == null) {
            return false;
        }
        for (double[] t : taken) {
            if (from < t[1] && to > t[0]) {
                return true;
            }
        }
        return false;
    }

    private static Grid gridOf(List<Grid> grids, Coordinate c) {
        Point p = GeoJson.FACTORY.createPoint(c);
        for (Grid g : grids) {
            Envelope e = g.polygon().getEnvelopeInternal();
            if (e.contains(c) && g.polygon().contains(p)) {
                return g;
            }
        }
        return null;
    }
}
