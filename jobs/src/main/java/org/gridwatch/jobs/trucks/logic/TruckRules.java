package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.reference.Rules;

import java.time.Duration;

/**
 * The thresholds of the muck-truck rules (package README, docs/rules.md#trucks), read from the
 * {@code RULE} reference data in force, so a change takes effect for the next ping.
 *
 * @param corridorM {@code truck.corridorM}: off route when farther than this from the permit route
 * @param corridorReturn {@code truck.corridorReturn}: back on route within this fraction of the
 *     corridor
 * @param deviationAfterMs {@code truck.deviationAfter}: off route this long before it alerts
 * @param deviationHighAfterMs {@code truck.deviationHighAfter}: off route this long makes it HIGH
 * @param movingKmh {@code truck.movingKmh}: moving when faster than this
 * @param quietGapMs {@code truck.quietGap}: an off-hours / no-permit episode ends after this long
 *     without moving
 * @param siteMarginM {@code truck.siteMarginM}: outside a site only when farther than this from it
 * @param stopKmh {@code truck.stopKmh}: stopped when slower than this
 * @param stopRadiusM {@code truck.stopRadiusM}: a stop stays within this of its first ping
 * @param stopMinMs {@code truck.stopMin}: a stop this long outside every site is suspected dumping
 * @param boxLiftedBit {@code truck.boxLiftedBit}: status bit of the vendor's cargo-box-lifted flag
 * @param signalLostMs {@code truck.signalLostAfter}: silence on a trip this long is a lost signal
 * @param speedLimitKmh {@code truck.speedLimitKmh}: limit unless the permit has its own
 * @param overspeedAfterMs {@code truck.overspeedAfter}: over the limit this long before it alerts
 * @param zonePings {@code truck.zonePings}: consecutive pings inside a closed zone to alert
 * @param forgetAfterMs {@code truck.forgetAfter}: a truck silent this long is forgotten (state
 *     cleared)
 * @param fixMaxKmh {@code truck.fixMaxKmh}: a fix implying a faster move from the last accepted one
 *     is an outlier
 * @param fixMaxAccel {@code truck.fixMaxAccel}: m/s²; a fix implying a harder acceleration is an
 *     outlier
 * @param fixSpeedSlackKmh {@code truck.fixSpeedSlackKmh}: a fix may move this much faster than the
 *     reported speeds allow
 * @param fixNoiseM {@code truck.fixNoiseM}: GPS error allowed on every distance between two fixes
 *     (plus their reported accuracies)
 * @param fixConfirm {@code truck.fixConfirm}: consecutive outliers agreeing with each other that
 *     are accepted as a real move
 * @param driftRadiusM {@code truck.driftRadiusM}: a standing truck's fixes within this of where it
 *     stands are drift
 * @param speedWindowMs {@code truck.speedWindow}: window of the speed estimated from the fixes when
 *     the terminal sends none
 */
public record TruckRules(
        double corridorM,
        double corridorReturn,
        long deviationAfterMs,
        long deviationHighAfterMs,
        double movingKmh,
        long quietGapMs,
        double siteMarginM,
        double stopKmh,
        double stopRadiusM,
        long stopMinMs,
        int boxLiftedBit,
        long signalLostMs,
        double speedLimitKmh,
        long overspeedAfterMs,
        int zonePings,
        long forgetAfterMs,
        double fixMaxKmh,
        double fixMaxAccel,
        double fixSpeedSlackKmh,
        double fixNoiseM,
        int fixConfirm,
        double driftRadiusM,
        long speedWindowMs) {

    public static final TruckRules DEFAULTS = from(new Rules());

    public TruckRules {
        require(corridorM > 0, "truck.corridorM must be positive");
        require(
                corridorReturn > 0 && corridorReturn <= 1,
                "truck.corridorReturn must be in (0, 1]");
        require(
                stopKmh >= 0 && movingKmh >= stopKmh,
                "truck.movingKmh must be at least truck.stopKmh");
        require(
                boxLiftedBit >= 0 && boxLiftedBit < 32,
                "truck.boxLiftedBit must be a bit of the 32-bit status word (0-31)");
        require(zonePings >= 1, "truck.zonePings must be at least 1");
        require(
                signalLostMs > 0 && forgetAfterMs > signalLostMs,
                "truck.forgetAfter must be longer than truck.signalLostAfter");
        require(
                fixMaxKmh > 0 && fixMaxAccel > 0 && fixSpeedSlackKmh >= 0 && fixNoiseM >= 0,
                "the GPS fix limits must be positive");
        require(fixConfirm >= 2, "truck.fixConfirm must be at least 2");
        require(
                driftRadiusM >= 0 && speedWindowMs > 0,
                "truck.driftRadiusM and truck.speedWindow must be positive");
    }

    public static TruckRules from(Rules r) {
        return new TruckRules(
                r.number("truck.corridorM", 100),
                r.number("truck.corridorReturn", 0.8),
                ms(r, "truck.deviationAfter", Duration.ofSeconds(120)),
                ms(r, "truck.deviationHighAfter", Duration.ofMinutes(10)),
                r.number("truck.movingKmh", 5),
                ms(r, "truck.quietGap", Duration.ofMinutes(15)),
                r.number("truck.siteMarginM", 50),
                r.number("truck.stopKmh", 3),
                r.number("truck.stopRadiusM", 30),
                ms(r, "truck.stopMin", Duration.ofMinutes(5)),
                (int) r.number("truck.boxLiftedBit", 29),
                ms(r, "truck.signalLostAfter", Duration.ofMinutes(5)),
                r.number("truck.speedLimitKmh", 50),
                ms(r, "truck.overspeedAfter", Duration.ofSeconds(30)),
                (int) r.number("truck.zonePings", 2),
                ms(r, "truck.forgetAfter", Duration.ofHours(6)),
                r.number("truck.fixMaxKmh", 100),
                r.number("truck.fixMaxAccel", 2),
                r.number("truck.fixSpeedSlackKmh", 15),
                r.number("truck.fixNoiseM", 40),
                (int) r.number("truck.fixConfirm", 3),
                r.number("truck.driftRadiusM", 40),
                ms(r, "truck.speedWindow", Duration.ofSeconds(60)));
    }

    private static long ms(Rules r, String key, Duration dflt) {
        return r.duration(key, dflt).toMillis();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
