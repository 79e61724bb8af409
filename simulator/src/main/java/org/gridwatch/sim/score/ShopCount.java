package org.gridwatch.sim.score;

import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's own count of one shop's file for the scenario (a line of {@code shops.ndjson}):
 * what the shop's document in {@code gridwatch-shops} must show at the end of the run.
 *
 * @param records violation records per {@code ShopViolation} name
 * @param inspections inspection records naming the shop (in order or not)
 * @param complaints complaints (hotline RECEIVED) attributed to the shop
 * @param closures CLOSED events of the cases the shop's complaints opened (with an enforcement
 *     outcome when the complaint named the shop)
 */
public record ShopCount(
        String shopId,
        Map<String, Integer> records,
        int inspections,
        int complaints,
        int closures) {
    public ShopCount {
        records = Map.copyOf(records);
    }

    public int violationRecords() {
        return records.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Collects one shop's counts. */
    public static final class Builder {
        private final String shopId;
        private final Map<String, Integer> records = new TreeMap<>();
        private int inspections;
        private int complaints;
        private int closures;

        public Builder(String shopId) {
            this.shopId = shopId;
        }

        public void record(String violation) {
            records.merge(violation, 1, Integer::sum);
        }

        public void inspection() {
            inspections++;
        }

        public void complaint() {
            complaints++;
        }

        public void closure() {
            closures++;
        }

        public ShopCount build() {
            return new ShopCount(shopId, records, inspections, complaints, closures);
        }
    }
}
