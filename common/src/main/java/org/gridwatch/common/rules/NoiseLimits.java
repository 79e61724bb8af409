package org.gridwatch.common.rules;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * Noise limits by zone class, day and night: GB 3096-2008 for acoustic environment zones and GB
 * 12523-2011 for construction site boundaries, in dB(A) LAeq. Night is 22:00-06:00 local time by
 * default (the old 环境噪声污染防治法 art. 63; local governments may move it, hence configurable). At night
 * a single Lmax more than {@code nightBurstMarginDb} (15 dB) over the limit is an exceedance on its
 * own.
 */
public final class NoiseLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Day / night LAeq limits per class id. */
    public static final Map<String, double[]> GB_3096_AND_12523 =
            Map.of(
                    "0", new double[] {50, 40},
                    "1", new double[] {55, 45},
                    "2", new double[] {60, 50},
                    "3", new double[] {65, 55},
                    "4a", new double[] {70, 55},
                    "4b", new double[] {70, 60},
                    "construction", new double[] {70, 55});

    private final Map<String, double[]> limits;
    private final DailyWindow night;
    private final ZoneId zone;
    private final double nightBurstMarginDb;

    public NoiseLimits(
            Map<String, double[]> limits,
            DailyWindow night,
            ZoneId zone,
            double nightBurstMarginDb) {
        this.limits = Map.copyOf(limits);
        this.night = night;
        this.zone = zone;
        this.nightBurstMarginDb = nightBurstMarginDb;
    }

    public static NoiseLimits defaults(ZoneId zone) {
        return new NoiseLimits(GB_3096_AND_12523, DailyWindow.parse("22:00", "06:00"), zone, 15);
    }

    public boolean isNight(long epochMs) {
        return night.contains(epochMs, zone);
    }

    /** The LAeq limit for the class at that moment; an unknown class is a configuration error. */
    public double limit(String zoneClass, long epochMs) {
        double[] dayNight = limits.get(zoneClass == null ? "" : zoneClass.toLowerCase(Locale.ROOT));
        if (dayNight == null) {
            throw new IllegalArgumentException(
                    "unknown noise zone class '" + zoneClass + "'; known: " + limits.keySet());
        }
        return isNight(epochMs) ? dayNight[1] : dayNight[0];
    }

    public boolean knows(String zoneClass) {
        return zoneClass != null && limits.containsKey(zoneClass.toLowerCase(Locale.ROOT));
    }

    /** True when a night-time maximum level alone is an exceedance (limit + 15 dB by default). */
    public boolean isNightBurst(String zoneClass, long epochMs, double lmaxDb) {
        return isNight(epochMs) && lmaxDb > limit(zoneClass, epochMs) + nightBurstMarginDb;
    }
}
