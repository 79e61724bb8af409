package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.reference.Rules;

import java.time.Duration;

/**
 * The shop rules in force (docs/rules.md#shops), read from the reference's runtime rules at each
 * use so a {@code RULE} update takes effect at the next record.
 *
 * @param attachMeters a record goes to the shop whose frontage is nearest, if within this
 * @param ambiguityMeters a second frontage within this of the nearest's distance makes it ambiguous
 * @param hysteresisMeters a camera stays with its shop unless another is nearer by more than this
 * @param minConfidence camera detections below this are ignored
 * @param goneAfterMs a camera occurrence ends after this long without a report
 * @param repeatCount SHOP_REPEAT_VIOLATION opens at this many records within the window
 * @param repeatWindowMs the trailing window of the repeat rule
 */
public record ShopRules(
        double attachMeters,
        double ambiguityMeters,
        double hysteresisMeters,
        double minConfidence,
        long goneAfterMs,
        int repeatCount,
        long repeatWindowMs) {
    public static final double ATTACH_METERS = 15;
    public static final double AMBIGUITY_METERS = 2;
    public static final double HYSTERESIS_METERS = 5;
    public static final double MIN_CONFIDENCE = 0.6;
    public static final Duration GONE_AFTER = Duration.ofMinutes(30);
    public static final int REPEAT_COUNT = 3;
    public static final Duration REPEAT_WINDOW = Duration.ofDays(30);

    /** The defaults, as when no rule is set. */
    public static final ShopRules DEFAULTS =
            new ShopRules(
                    ATTACH_METERS,
                    AMBIGUITY_METERS,
                    HYSTERESIS_METERS,
                    MIN_CONFIDENCE,
                    GONE_AFTER.toMillis(),
                    REPEAT_COUNT,
                    REPEAT_WINDOW.toMillis());

    public static ShopRules from(Rules rules) {
        return new ShopRules(
                rules.number("shop.attachMeters", ATTACH_METERS),
                rules.number("shop.ambiguityMeters", AMBIGUITY_METERS),
                rules.number("shop.hysteresisMeters", HYSTERESIS_METERS),
                rules.number("shop.minConfidence", MIN_CONFIDENCE),
                rules.duration("shop.goneAfter", GONE_AFTER).toMillis(),
                (int) rules.number("shop.repeatCount", REPEAT_COUNT),
                rules.duration("shop.repeatWindow", REPEAT_WINDOW).toMillis());
    }
}
