package org.gridwatch.sim.engine;

import org.gridwatch.sim.score.ShopCount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The violation records and the SHOP_REPEAT_VIOLATION truth of THE RULE, replayed on the shop
 * records the simulator emitted (before disorder): kept camera reports of one type at one shop form
 * an occurrence until goneAfter passes without one; an inspection that finds a violation confirms
 * an ongoing occurrence of its type at its shop or is a record of its own. The Nth record within
 * the trailing window opens an episode (truth [its start, +30 min]); the episode closes when the
 * window's count drops below N.
 */
final class ShopTruth {
    /** A violation record: the shop, its type, its start. */
    record Record(String shopId, String violation, long start, String source) {}

    private final List<Record> records = new ArrayList<>();
    private final Map<String, ShopCount.Builder> counts = new TreeMap<>();

    /** Replays the emitted reports (any order) into records and per-shop counts. */
    ShopTruth(List<ShopReport> emitted) {
        List<ShopReport> sorted = new ArrayList<>(emitted);
        sorted.sort(Comparator.comparingLong(ShopReport::time));
        Map<String, Long> lastReport = new HashMap<>(); // shop|type -> last camera report
        for (ShopReport r : sorted) {
            if (r.kind() == ShopReport.Kind.NORMAL) {
                String k = r.shopId() + "|" + r.violation();
                Long last = lastReport.get(k);
                if (last == null || r.time() - last > ShopRule.GONE_AFTER_MS) {
                    records.add(new Record(r.shopId(), r.violation(), r.time(), r.device()));
                }
                lastReport.put(k, r.time());
            } else if (r.kind() == ShopReport.Kind.INSPECTION) {
                count(r.shopId()).inspection();
                if (r.violation() != null) {
                    Long last = lastReport.get(r.shopId() + "|" + r.violation());
                    if (last == null || r.time() - last > ShopRule.GONE_AFTER_MS) {
                        records.add(new Record(r.shopId(), r.violation(), r.time(), r.device()));
                    }
                }
            }
        }
        records.forEach(rec -> count(rec.shopId()).record(rec.violation()));
    }

    ShopCount.Builder count(String shopId) {
        return counts.computeIfAbsent(shopId, ShopCount.Builder::new);
    }

    List<Record> records() {
        return records;
    }

    /** The per-shop counts, by shop id. */
    List<ShopCount> counts() {
        return counts.values().stream().map(ShopCount.Builder::build).toList();
    }

    /** Adds the SHOP_REPEAT_VIOLATION episodes to the truth. */
    void repeats(Truth truth) {
        Map<String, List<Record>> byShop = new TreeMap<>();
        records.forEach(r -> byShop.computeIfAbsent(r.shopId(), k -> new ArrayList<>()).add(r));
        byShop.forEach((shop, recs) -> episodes(shop, recs, truth));
    }

    static void episodes(String shop, List<Record> recs, Truth truth) {
        recs.sort(Comparator.comparingLong(Record::start));
        boolean open = false;
        for (int i = 0; i < recs.size(); i++) {
            long t = recs.get(i).start();
            int inWindow = 0;
            for (int j = 0; j <= i; j++) {
                if (recs.get(j).start() > t - ShopRule.REPEAT_WINDOW_MS) {
                    inWindow++;
                }
            }
            // The episode closed if, between the previous record and this one, the window's count
            // dropped below N (the oldest records left the window).
            if (open && i > 0) {
                int before = 0;
                for (int j = 0; j < i; j++) {
                    if (recs.get(j).start() > t - ShopRule.REPEAT_WINDOW_MS) {
                        before++;
                    }
                }
                open = before >= ShopRule.REPEAT_COUNT;
            }
            if (!open && inWindow >= ShopRule.REPEAT_COUNT) {
                open = true;
                truth.add(
                        "SHOP_REPEAT_VIOLATION",
                        shop,
                        t,
                        t + ShopRule.TRUTH_SPAN_MS,
                        "record "
                                + inWindow
                                + " within "
                                + ShopRule.REPEAT_WINDOW_MS / 86_400_000L
                                + " d: "
                                + recs.get(i).violation()
                                + " by "
                                + recs.get(i).source());
            }
        }
    }
}
