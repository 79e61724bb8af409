package org.gridwatch.jobs.coverage;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.reference.Rules;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.jobs.coverage.logic.GapRule;

import java.time.Duration;

/**
 * Rule keys of the coverage detection and their defaults (docs/rules.md#coverage). A grid's own
 * duty hours and allowed gap (reference data) win; the rules fill in for grids that leave them
 * unset.
 *
 * <ul>
 *   <li>{@code coverage.defaultMaxGap} (120m): allowed gap for a grid whose maxGapMinutes is not
 *       positive;
 *   <li>{@code coverage.defaultDutyStart} / {@code coverage.defaultDutyEnd} (07:00 / 22:00): duty
 *       for a grid without one;
 *   <li>{@code coverage.visitGap} (5m): an officer back in the same grid after this long starts a
 *       new visit;
 *   <li>{@code coverage.tick} (1m): how often the GPS clock is broadcast to the grid side;
 *   <li>{@code coverage.officerRetention} (1h): an officer silent this long is forgotten.
 * </ul>
 */
public final class CoverageRules {
    private CoverageRules() {}

    public static GapRule of(Grid g, CityReference ref) {
        Rules r = ref.rules();
        DailyWindow duty =
                g.duty() != null
                        ? g.duty()
                        : DailyWindow.parse(
                                r.text("coverage.defaultDutyStart", "07:00"),
                                r.text("coverage.defaultDutyEnd", "22:00"));
        long gap =
                g.maxGapMinutes() > 0
                        ? g.maxGapMinutes() * 60_000L
                        : r.duration("coverage.defaultMaxGap", Duration.ofMinutes(120)).toMillis();
        return new GapRule(duty, ref.zone(), gap);
    }

    public static long visitGapMs(CityReference ref) {
        return ref.rules().duration("coverage.visitGap", Duration.ofMinutes(5)).toMillis();
    }

    public static long tickMs(CityReference ref) {
        return Math.max(
                1_000, ref.rules().duration("coverage.tick", Duration.ofMinutes(1)).toMillis());
    }

    public static long officerRetentionMs(CityReference ref) {
        return ref.rules().duration("coverage.officerRetention", Duration.ofHours(1)).toMillis();
    }
}
