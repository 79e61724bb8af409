package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.model.ShopViolation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SHOP_REPEAT_VIOLATION (docs/alerts.md#shop_repeat_violation): opens at the start of the violation
 * record that makes the number of the shop's records starting within the trailing {@code
 * repeatWindow} (30 d) reach {@code repeatCount} (3); while open every further record updates it;
 * it closes when the trailing count drops below {@code repeatCount}, at the instant the deciding
 * record leaves the window ({@link #closeAt}). One episode per run of violations.
 */
public final class RepeatRule {
    public static final String ENTITY_TYPE = "SHOP";

    private RepeatRule() {}

    /**
     * A new record {@code rec} entered {@code file} (already added): the alert revision it makes,
     * or null. The episode is kept in {@code file.episode}.
     */
    public static Alert onRecord(
            ShopFile file,
            ViolationRecord rec,
            Shop shop,
            String district,
            ShopRules rules,
            long detectedAt) {
        List<ViolationRecord> inWindow = inWindow(file, rec.start, rules.repeatWindowMs());
        int count = inWindow.size();
        Episode ep = file.episode;
        if (ep == null) {
            if (count < rules.repeatCount()) {
                return null;
            }
            ep = open(file.shopId, rec, shop, district);
            for (ViolationRecord r : inWindow) {
                ep.evidence(evidence(r));
            }
            file.episode = ep;
        } else {
            ep.evidence(evidence(rec));
        }
        describe(ep, inWindow, rules);
        if (count >= 2 * rules.repeatCount()) {
            ep.severity = Severity.HIGH;
        }
        String name = shop != null ? shop.name() : file.shopId;
        String types = types(inWindow);
        long days = Math.max(1, rules.repeatWindowMs() / ShopFile.DAY_MS);
        return ep.emit(
                rec.start,
                detectedAt,
                String.format("门店「%s」%d天内第%d次违规（%s），属屡次违规，建议约谈整改", name, days, count, types),
                String.format(
                        "Shop %s: violation record %d within %d days (%s), a repeat offender",
                        name, count, days, types));
    }

    /**
     * When the trailing count falls below {@code repeatCount} if no record comes: the start of the
     * (k - N + 1)-th newest of the k records in the window, plus the window; -1 when no episode is
     * open.
     */
    public static long closeAt(ShopFile file, long now, ShopRules rules) {
        if (file.episode == null) {
            return -1;
        }
        List<ViolationRecord> w = inWindow(file, now, rules.repeatWindowMs());
        int k = w.size();
        int n = rules.repeatCount();
        if (k < n) {
            return now;
        }
        return w.get(k - n).start + rules.repeatWindowMs();
    }

    /** The closing revision when the count has dropped below the threshold at {@code now}. */
    public static Alert closeIfDue(ShopFile file, long now, ShopRules rules, long detectedAt) {
        if (file.episode == null
                || file.recordsWithin(now, rules.repeatWindowMs()) >= rules.repeatCount()) {
            return null;
        }
        Episode ep = file.episode;
        file.episode = null;
        ep.attribute("count", Integer.toString(file.recordsWithin(now, rules.repeatWindowMs())));
        return ep.close(
                now,
                detectedAt,
                "门店" + ep.attributes.getOrDefault("shopName", file.shopId) + "近期违规次数已回落",
                "Shop "
                        + ep.attributes.getOrDefault("shopName", file.shopId)
                        + ": violations in the window fell below the threshold");
    }

    static List<ViolationRecord> inWindow(ShopFile file, long now, long windowMs) {
        List<ViolationRecord> out = new ArrayList<>();
        for (ViolationRecord r : file.records) {
            if (r.start > now - windowMs && r.start <= now) {
                out.add(r);
            }
        }
        return out;
    }

    private static Episode open(String shopId, ViolationRecord rec, Shop shop, String district) {
        Episode ep =
                Episode.open(
                        AlertType.SHOP_REPEAT_VIOLATION,
                        ENTITY_TYPE,
                        shopId,
                        rec.start,
                        Severity.MEDIUM);
        double lat = rec.lat;
        double lon = rec.lon;
        if (shop != null && shop.frontage() != null && !shop.frontage().isEmpty()) {
            var c = shop.frontage().getCentroid();
            lat = c.getY();
            lon = c.getX();
        }
        ep.at(lat, lon, shop != null ? shop.gridCode() : null, district);
        if (shop != null) {
            ep.attribute("shopName", shop.name())
                    .attribute("licence", shop.licence())
                    .attribute("address", shop.address())
                    .attribute("category", shop.category());
        }
        return ep;
    }

    private static void describe(Episode ep, List<ViolationRecord> inWindow, ShopRules rules) {
        ep.attribute("count", Integer.toString(inWindow.size()))
                .attribute("repeatCount", Integer.toString(rules.repeatCount()))
                .attribute("window", java.time.Duration.ofMillis(rules.repeatWindowMs()).toString())
                .attribute("violationTypes", typeNames(inWindow));
    }

    private static String typeNames(List<ViolationRecord> rs) {
        Set<ShopViolation> vs = new LinkedHashSet<>();
        rs.forEach(r -> vs.add(r.violation));
        return vs.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static String types(List<ViolationRecord> rs) {
        Set<ShopViolation> vs = new LinkedHashSet<>();
        rs.forEach(r -> vs.add(r.violation));
        return vs.stream().map(ShopViolation::nameZh).collect(Collectors.joining("、"));
    }

    static Evidence evidence(ViolationRecord r) {
        StringBuilder d = new StringBuilder(r.violation.nameZh()).append(' ').append(r.violation);
        if (!Double.isNaN(r.confidence)) {
            d.append(String.format(" conf %.2f", r.confidence));
        }
        if (r.confirmedBy != null) {
            d.append(" confirmed by ").append(r.confirmedBy);
        }
        if (r.photoUrl != null) {
            d.append(" photo ").append(r.photoUrl);
        }
        return new Evidence(
                ViolationRecord.CAMERA.equals(r.source) ? "detection" : "inspection",
                r.device,
                r.start,
                r.lat,
                r.lon,
                d.toString());
    }
}
