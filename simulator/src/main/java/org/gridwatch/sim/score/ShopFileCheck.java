package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the shop files the jobs wrote ({@code gridwatch-shops} documents of kind SHOP) with the
 * simulator's own count of each shop's records ({@code shops.ndjson}): the violation records per
 * type and in all, and the complaints. A shop the simulator gave nothing must have no record in its
 * file either. The scenario lasts less than 30 days, so the 365-day counts and the 30-day complaint
 * count hold the whole run.
 */
public final class ShopFileCheck {
    private ShopFileCheck() {}

    /**
     * @param shops the shops with anything on file, by the simulator or by the jobs
     * @param matching those whose file matches the simulator's count
     * @param mismatches one line per shop that does not, naming what differs
     */
    public record Result(int shops, int matching, List<String> mismatches) {
        public String summary() {
            return String.format(
                    "shop files matching the simulator's counts: %,d of %,d%s",
                    matching,
                    shops,
                    mismatches.isEmpty() ? "" : " (" + mismatches.size() + " differ)");
        }
    }

    public static Result compare(List<ShopCount> expected, List<JsonNode> documents) {
        Map<String, JsonNode> files = new HashMap<>();
        for (JsonNode d : documents) {
            if ("SHOP".equals(d.path("kind").asText())) {
                files.put(d.path("shopId").asText(), d);
            }
        }
        Map<String, ShopCount> counts = new HashMap<>();
        expected.forEach(c -> counts.put(c.shopId(), c));
        TreeSet<String> ids = new TreeSet<>();
        expected.stream()
                .filter(c -> c.violationRecords() > 0 || c.complaints() > 0)
                .forEach(c -> ids.add(c.shopId()));
        files.forEach(
                (id, d) -> {
                    if (d.path("totalRecords").asInt() > 0
                            || d.path("complaints365d").asInt() > 0) {
                        ids.add(id);
                    }
                });
        List<String> mismatches = new ArrayList<>();
        for (String id : ids) {
            String diff = difference(counts.get(id), files.get(id));
            if (diff != null) {
                mismatches.add("shop " + id + ": " + diff);
            }
        }
        return new Result(ids.size(), ids.size() - mismatches.size(), mismatches);
    }

    private static String difference(ShopCount c, JsonNode file) {
        Map<String, Integer> records = c == null ? Map.of() : c.records();
        int total = c == null ? 0 : c.violationRecords();
        int complaints = c == null ? 0 : c.complaints();
        if (file == null) {
            return "no file; the simulator counted "
                    + total
                    + " records "
                    + records
                    + " and "
                    + complaints
                    + " complaints";
        }
        JsonNode year = file.path("counts").path("d365");
        Map<String, Integer> filed = new java.util.TreeMap<>();
        year.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getKey().equals("total") && e.getValue().asInt() > 0) {
                                filed.put(e.getKey(), e.getValue().asInt());
                            }
                        });
        List<String> out = new ArrayList<>();
        if (!filed.equals(new java.util.TreeMap<>(records))) {
            out.add(
                    "records per type "
                            + filed
                            + ", simulator "
                            + new java.util.TreeMap<>(records));
        }
        if (file.path("totalRecords").asInt() != total) {
            out.add("totalRecords " + file.path("totalRecords").asInt() + ", simulator " + total);
        }
        if (file.path("complaints365d").asInt() != complaints) {
            out.add(
                    "complaints "
                            + file.path("complaints365d").asInt()
                            + ", simulator "
                            + complaints);
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }
}
