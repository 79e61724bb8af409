package org.gridwatch.sim.engine;

import org.gridwatch.common.kafka.Topics;
import org.gridwatch.sim.score.ShopCount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The violation records and the SHOP_REPEAT_VIOLATION truth of THE RULE, replayed on the shop
 * records the simulator emitted (before disorder): kept camera reports of one type at one shop form
 * an occurrence until goneAfter passes without one; an inspection that finds a violation confirms
 * an ongoing occurrence of its type at its shop or is a record of its own. The Nth record within
 * the trailing window opens an episode (truth [its start, +30 min]); the episode closes when the
 * window's count drops below N.
 *
 * <p>An episode hinges on the events that start each of the N records in the window (an
 * inspection's finding: that one event; a camera occurrence: its reports within the truth span, any
 * of which starts it if the ones before are late). After the run, the same replay on the records as
 * delivered on time adds, as optional, the episodes a late record moves or makes.
 */
final class ShopTruth {
    /**
     * A violation record: the shop, its type, its start, and the events that can start it for a
     * system that sees them (a camera occurrence's reports within the truth span, an inspection).
     */
    record Record(
            String shopId, String violation, long start, String source, List<SimEvent.Id> starts) {
        Record(String shopId, String violation, long start, String source) {
            this(shopId, violation, start, source, List.of());
        }
    }

    private final List<ShopReport> emitted;
    private final List<Record> records = new ArrayList<>();
    private final Map<String, ShopCount.Builder> counts = new TreeMap<>();

    /** Replays the emitted reports (any order) into records and per-shop counts. */
    ShopTruth(List<ShopReport> emitted) {
        this.emitted = emitted;
        List<ShopReport> sorted = new ArrayList<>(emitted);
        sorted.sort(Comparator.comparingLong(ShopReport::time));
        Map<String, Long> lastReport = new HashMap<>(); // shop|type -> last camera report
        Map<String, Record> current = new HashMap<>(); // shop|type -> its camera occurrence
        for (ShopReport r : sorted) {
            if (r.kind() == ShopReport.Kind.NORMAL) {
                String k = r.shopId() + "|" + r.violation();
                Long last = lastReport.get(k);
                if (last == null || r.time() - last > ShopRule.GONE_AFTER_MS) {
                    Record rec =
                            new Record(
                                    r.shopId(),
                                    r.violation(),
                                    r.time(),
                                    r.device(),
                                    new ArrayList<>());
                    records.add(rec);
                    current.put(k, rec);
                }
                Record rec = current.get(k);
                if (r.time() - rec.start() < ShopRule.TRUTH_SPAN_MS) {
                    rec.starts().add(id(r));
                }
                lastReport.put(k, r.time());
            } else if (r.kind() == ShopReport.Kind.INSPECTION) {
                count(r.shopId()).inspection();
                if (r.violation() != null) {
                    Long last = lastReport.get(r.shopId() + "|" + r.violation());
                    if (last == null || r.time() - last > ShopRule.GONE_AFTER_MS) {
                        records.add(
                                new Record(
                                        r.shopId(),
                                        r.violation(),
                                        r.time(),
                                        r.device(),
                                        List.of(id(r))));
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

    /** The id of the event a report is sent as ({@link ShopSim}). */
    static SimEvent.Id id(ShopReport r) {
        return new SimEvent.Id(Topics.IOT, r.device(), r.time());
    }

    /** An episode: the shop, the start of its Nth record, the note, the hinges. */
    record Episode(String shop, long from, String note, List<List<SimEvent.Id>> hinges) {}

    /**
     * Adds the SHOP_REPEAT_VIOLATION episodes to the truth, and registers the check of the episodes
     * as delivered.
     */
    void repeats(Truth truth) {
        List<Episode> all = episodes(records);
        all.forEach(
                e ->
                        truth.add(
                                "SHOP_REPEAT_VIOLATION",
                                e.shop(),
                                e.from(),
                                e.from() + ShopRule.TRUTH_SPAN_MS,
                                e.note(),
                                e.hinges()));
        truth.afterRun(late -> delivered(all, late, truth));
    }

    /**
     * The episodes of the records as delivered on time (late reports left out): one that no episode
     * of the full truth explains (same shop, starting within its truth span) is what a correct
     * system raises because a record came late; it is added as optional.
     */
    private void delivered(List<Episode> all, Predicate<SimEvent.Id> late, Truth truth) {
        List<ShopReport> onTime = emitted.stream().filter(r -> !late.test(id(r))).toList();
        if (onTime.size() == emitted.size()) {
            return;
        }
        for (Episode e : episodes(new ShopTruth(onTime).records)) {
            boolean explained =
                    all.stream()
                            .anyMatch(
                                    a ->
                                            a.shop().equals(e.shop())
                                                    && a.from() <= e.from()
                                                    && e.from()
                                                            <= a.from() + ShopRule.TRUTH_SPAN_MS);
            if (!explained) {
                truth.add(
                        "SHOP_REPEAT_VIOLATION",
                        e.shop(),
                        e.from(),
                        e.from() + ShopRule.TRUTH_SPAN_MS,
                        e.note() + " [as delivered: an earlier record came late]",
                        true);
            }
        }
    }

    private static List<Episode> episodes(List<Record> records) {
        Map<String, List<Record>> byShop = new TreeMap<>();
        records.forEach(r -> byShop.computeIfAbsent(r.shopId(), k -> new ArrayList<>()).add(r));
        List<Episode> out = new ArrayList<>();
        byShop.forEach((shop, recs) -> out.addAll(episodes(shop, recs)));
        return out;
    }

    /** Adds the episodes of one shop's records to the truth. */
    static void episodes(String shop, List<Record> recs, Truth truth) {
        for (Episode e : episodes(shop, recs)) {
            truth.add(
                    "SHOP_REPEAT_VIOLATION",
                    shop,
                    e.from(),
                    e.from() + ShopRule.TRUTH_SPAN_MS,
                    e.note(),
                    e.hinges());
        }
    }

    static List<Episode> episodes(String shop, List<Record> recs) {
        List<Episode> out = new ArrayList<>();
        recs = new ArrayList<>(recs);
        recs.sort(Comparator.comparingLong(Record::start));
        boolean open = false;
        for (int i = 0; i < recs.size(); i++) {
            long t = recs.get(i).start();
            int inWindow = 0;
            List<List<SimEvent.Id>> hinges = new ArrayList<>();
            for (int j = 0; j <= i; j++) {
                if (recs.get(j).start() > t - ShopRule.REPEAT_WINDOW_MS) {
                    inWindow++;
                    hinges.add(List.copyOf(recs.get(j).starts()));
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
                out.add(
                        new Episode(
                                shop,
                                t,
                                "record "
                                        + inWindow
                                        + " within "
                                        + ShopRule.REPEAT_WINDOW_MS / 86_400_000L
                                        + " d: "
                                        + recs.get(i).violation()
                                        + " by "
                                        + recs.get(i).source(),
                                hinges));
            }
        }
        return out;
    }
}
