package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.city.Grid;

/** The zh/en texts of GRID_UNCOVERED revisions (docs/alerts.md#grid_uncovered). */
final class CoverageMessages {
    private CoverageMessages() {}

    static String uncoveredZh(Grid grid, GapRule rule) {
        return String.format(
                "网格%s（%s）已超过%d分钟无人巡查（值守时段%s）",
                grid.gridCode(), grid.communityName(), rule.maxGapMs() / 60_000, rule.duty());
    }

    static String uncoveredEn(Grid grid, GapRule rule) {
        return String.format(
                "Grid %s (%s) has had no officer inside for more than %d min during duty hours %s",
                grid.gridCode(), grid.communityName(), rule.maxGapMs() / 60_000, rule.duty());
    }

    static String arrivedZh(Grid grid, String officerId, long minutes) {
        return String.format("网格%s已有队员%s到岗，无人巡查约%d分钟", grid.gridCode(), officerId, minutes);
    }

    static String arrivedEn(Grid grid, String officerId, long minutes) {
        return String.format(
                "Officer %s arrived in grid %s after about %d min without patrol",
                officerId, grid.gridCode(), minutes);
    }

    static String dutyEndedZh(Grid grid, long minutes) {
        return String.format("网格%s值守时段结束，期间约%d分钟无人巡查", grid.gridCode(), minutes);
    }

    static String dutyEndedEn(Grid grid, long minutes) {
        return String.format(
                "Duty hours ended in grid %s after about %d min without patrol",
                grid.gridCode(), minutes);
    }

    static final String REMOVED_ZH = "网格已撤销，告警关闭";
    static final String REMOVED_EN = "Grid removed from the reference; alert closed";
}
