package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.model.ShopViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * A shop's risk score and grade (docs/rules.md#shops, ours), from its file as of {@code now}.
 *
 * <p>Risk, a weighted sum capped to [0, 100], each term listed as a reason: +10 per violation
 * record in the last 30 days; +2 per record 30-365 days old; +10 per 破墙开店 (WALL_BREAKING) record in
 * 365 days (a structural change needs a case, not a warning); +15 while SHOP_REPEAT_VIOLATION is
 * open; +5 per open case; +2 per complaint in 30 days; +8 when the latest inspection (within 30
 * days) found a violation, -10 when it found the shop in order and no record started since.
 *
 * <p>Grade: A, no violation record in the last 30 days; B, 1-2; C, 3 or more, or an open
 * SHOP_REPEAT_VIOLATION.
 */
public final class ShopRisk {
    public static final int C_FROM = 3;

    /** The score, the grade and the reasons behind the score, largest first as computed. */
    public record Assessment(double score, String grade, List<String> reasons) {}

    private ShopRisk() {}

    public static Assessment assess(ShopFile f, long now) {
        long d30 = 30 * ShopFile.DAY_MS;
        int recent = f.recordsWithin(now, d30);
        int older = f.recordsWithin(now, ShopFile.RETENTION_MS) - recent;
        int walls = f.counts(now, 365).get(ShopViolation.WALL_BREAKING);
        long openCases = f.openCases().size();
        long complaints = f.complaints.stream().filter(t -> t > now - d30 && t <= now).count();
        List<String> reasons = new ArrayList<>();
        double score = 0;
        score += term(reasons, recent, 10, "violation records in 30 d");
        score += term(reasons, older, 2, "violation records 30-365 d ago");
        score += term(reasons, walls, 10, "破墙开店 records in 365 d");
        score += term(reasons, f.episode != null ? 1 : 0, 15, "SHOP_REPEAT_VIOLATION open");
        score += term(reasons, openCases, 5, "open cases");
        score += term(reasons, complaints, 2, "complaints in 30 d");
        Inspection i = f.lastInspection;
        if (i != null && i.time > now - d30 && i.time <= now) {
            if (i.violation != null) {
                score += term(reasons, 1, 8, "latest inspection found " + i.violation);
            } else if (f.records.stream().noneMatch(r -> r.start > i.time)) {
                score += term(reasons, 1, -10, "latest inspection found the shop in order");
            }
        }
        score = Math.max(0, Math.min(100, score));
        String grade = recent >= C_FROM || f.episode != null ? "C" : recent > 0 ? "B" : "A";
        return new Assessment(score, grade, reasons);
    }

    private static double term(List<String> reasons, long n, double weight, String what) {
        if (n == 0) {
            return 0;
        }
        double v = n * weight;
        reasons.add(
                n == 1
                        ? String.format("%+d: %s", (long) v, what)
                        : String.format("%+d: %d × %s", (long) v, n, what));
        return v;
    }
}
