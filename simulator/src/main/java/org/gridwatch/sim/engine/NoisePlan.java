package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Device;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injected noise exceedances of one sensor (rate {@code NOISE_EXCEEDANCE}: the share of
 * sensor-days, local days touched by the scenario, with one episode). An episode is 20 to 120
 * minutes of 5-minute windows whose LAeq is 3 to 10 dB over the limit; at a construction-site
 * sensor it is night-time construction (22:00-06:00) with hammer blows whose Lmax is more than 15
 * dB over the night limit. Intervals are aligned to the sensor's reporting windows.
 */
final class NoisePlan {
    /** One injected episode: [from, until) and whether it is a night construction burst episode. */
    record Episode(long from, long until, boolean nightConstruction) {}

    final List<Episode> episodes = new ArrayList<>();

    static NoisePlan create(
            Device d, double rate, ZoneId zone, long start, long end, long windowMs, long seed) {
        NoisePlan p = new NoisePlan();
        if (rate <= 0) {
            return p;
        }
        SplittableRandom r = new SplittableRandom(seed);
        boolean construction = "construction".equals(d.noiseClass());
        LocalDate first = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(end).atZone(zone).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (r.nextDouble() >= rate) {
                continue;
            }
            long len = (20 + r.nextInt(101)) * 60_000L / windowMs * windowMs;
            long dayStart;
            long span;
            if (construction) {
                dayStart = day.atTime(22, 0).atZone(zone).toInstant().toEpochMilli();
                span = 8 * 3_600_000L - len;
            } else {
                dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
                span = 24 * 3_600_000L - len;
            }
            long from = dayStart + r.nextLong(span / windowMs) * windowMs;
            // Keep episodes apart so that each one is a separate alert (the detector needs 2 quiet
            // windows in between).
            if (!p.episodes.isEmpty()
                    && from < p.episodes.get(p.episodes.size() - 1).until() + 4 * windowMs) {
                continue;
            }
            p.episodes.add(new Episode(from, from + len, construction));
        }
        return p;
    }

    Episode at(long windowStart) {
        for (Episode e : episodes) {
            if (windowStart >= e.from() && windowStart < e.until()) {
                return e;
            }
        }
        return null;
    }
}
