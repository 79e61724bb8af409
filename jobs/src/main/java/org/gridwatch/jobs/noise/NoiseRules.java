package org.gridwatch.jobs.noise;

import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.reference.Rules;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.common.rules.NoiseLimits;
import org.gridwatch.jobs.noise.logic.NoiseParameters;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Rule keys of the noise detection and their defaults (docs/rules.md#noise):
 *
 * <ul>
 *   <li>{@code noise.window} (5m): averaging window of the LAeq;
 *   <li>{@code noise.openWindows} (2) / {@code noise.closeWindows} (2): consecutive windows over /
 *       under the limit to open / close;
 *   <li>{@code noise.nightStart} / {@code noise.nightEnd} (22:00 / 06:00, local);
 *   <li>{@code noise.burstMarginDb} (15): at night an Lmax this far over the limit alerts at once;
 *   <li>{@code noise.limit.<class>.day} / {@code .night}: override a class limit (GB 3096 classes
 *       0, 1, 2, 3, 4a, 4b; construction = GB 12523 70 / 55);
 *   <li>{@code noise.silence} (1h): a sensor silent this long is forgotten (an open alert closes).
 * </ul>
 */
public final class NoiseRules {
    private NoiseRules() {}

    public static NoiseLimits limits(CityReference ref) {
        Rules r = ref.rules();
        Map<String, double[]> table = new HashMap<>();
        NoiseLimits.GB_3096_AND_12523.forEach(
                (cls, dn) ->
                        table.put(
                                cls,
                                new double[] {
                                    r.number("noise.limit." + cls + ".day", dn[0]),
                                    r.number("noise.limit." + cls + ".night", dn[1])
                                }));
        DailyWindow night =
                DailyWindow.parse(
                        r.text("noise.nightStart", "22:00"), r.text("noise.nightEnd", "06:00"));
        return new NoiseLimits(table, night, ref.zone(), r.number("noise.burstMarginDb", 15));
    }

    public static long windowMs(CityReference ref) {
        return Math.max(
                60_000, ref.rules().duration("noise.window", Duration.ofMinutes(5)).toMillis());
    }

    public static int openWindows(CityReference ref) {
        return (int) ref.rules().number("noise.openWindows", 2);
    }

    public static int closeWindows(CityReference ref) {
        return (int) ref.rules().number("noise.closeWindows", 2);
    }

    /** Every setting of the rule, as the plain values the detection takes. */
    public static NoiseParameters parameters(CityReference ref) {
        return new NoiseParameters(
                limits(ref), windowMs(ref), openWindows(ref), closeWindows(ref), silenceMs(ref));
    }

    public static long silenceMs(CityReference ref) {
        return ref.rules().duration("noise.silence", Duration.ofHours(1)).toMillis();
    }
}
