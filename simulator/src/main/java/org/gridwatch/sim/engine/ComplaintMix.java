package org.gridwatch.sim.engine;

import org.gridwatch.common.cases.CategoryTable;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What citizens complain about, through which channel and at what hour, and each category's time
 * limit: the figures of docs/simulation.md#complaints-and-cases-complaintsim in one place, apart
 * from the case lifecycle that {@link ComplaintSim} plays with them.
 */
final class ComplaintMix {
    /** A value and its share of the draws (the shares need not add up to 1). */
    record Share(String value, double weight) {}

    /**
     * Each complaint category's share of complaints; its time limit is the shared category table's.
     */
    static final List<Share> CATEGORY_SHARES =
            List.of(
                    new Share("09006", 0.20),
                    new Share("09001", 0.10),
                    new Share("09005", 0.10),
                    new Share("09009", 0.10),
                    new Share("09010", 0.05),
                    new Share("07001", 0.25),
                    new Share("06010", 0.05),
                    new Share("06012", 0.04),
                    new Share("06028", 0.05),
                    new Share("06029", 0.02),
                    new Share("06011", 0.015),
                    new Share("06001", 0.005),
                    new Share("08001", 0.005),
                    new Share("08004", 0.005),
                    new Share("10001", 0.01));

    static final List<Share> CHANNEL_SHARES =
            List.of(
                    new Share("12345", 0.55),
                    new Share("12319", 0.20),
                    new Share("app", 0.10),
                    new Share("web", 0.08),
                    new Share("962000", 0.04),
                    new Share("96310", 0.03));

    /** Relative complaint rate per local hour of day. */
    static final double[] HOURLY = {
        0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 2.0, 2.4, 2.2, 1.4, 1.6, 2.2, 2.1, 1.8, 1.5,
        1.6, 2.0, 2.0, 1.6, 0.9, 0.4
    };

    private ComplaintMix() {}

    static int limitOf(String category) {
        CategoryTable.Row row = CategoryTable.find(category);
        return row == null ? 480 : row.defaultLimitMinutes();
    }

    static String pick(List<Share> table, SplittableRandom r) {
        double u = r.nextDouble() * table.stream().mapToDouble(Share::weight).sum();
        for (Share row : table) {
            u -= row.weight();
            if (u < 0) {
                return row.value();
            }
        }
        return table.get(table.size() - 1).value();
    }
}
