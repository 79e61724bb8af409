package org.gridwatch.jobs.trucks.logic;

/**
 * One accepted fix as the dumping stop ({@link DumpingStop}) sees it: facts about the ping computed
 * with the reference data and rules in force when it was processed (so a threshold changed at
 * runtime applies to the pings after the change), at the place and speed the {@link FixFilter} gave
 * it.
 *
 * @param accuracyM reported horizontal accuracy, NaN if none
 * @param onTrip on a trip (left a construction site, not yet at a disposal site)
 * @param outsideSites farther than the margin from every construction / disposal / depot site
 * @param load JT/T 808 load state (status bits 8-9: 0 empty, 1 half, 3 full), -1 if not reported
 * @param boxLifted the configured cargo-box-lifted status bit is set
 * @param stopKmh slower than this is stopped
 * @param stopRadiusM a stop stays within this distance of its first ping, widened by three times
 *     the reported accuracy
 * @param stopMinMs a stop this long is suspected dumping
 * @param silence always false now: it marked the signal drops of the per-ping side output removed
 *     in issue 19; kept so that state written before restores unchanged
 */
public record TruckObservation(
        String truckId,
        long time,
        double lat,
        double lon,
        double speedKmh,
        double accuracyM,
        String plate,
        String tripId,
        String permitId,
        boolean onTrip,
        boolean outsideSites,
        int load,
        boolean boxLifted,
        double stopKmh,
        double stopRadiusM,
        long stopMinMs,
        String gridCode,
        String district,
        boolean silence) {

    public static final int LOAD_UNKNOWN = -1;
    public static final int LOAD_EMPTY = 0;
    public static final int LOAD_FULL = 3;

    /** Could be part of a suspicious stop: a ping on a trip, stopped, away from every site. */
    public boolean stopCandidate() {
        return !silence && onTrip && outsideSites && speedKmh < stopKmh;
    }

    /**
     * A ping on a trip, stopped (wherever it is; whether the stop is outside the sites is judged
     * over the whole stop).
     */
    public boolean stoppedOnTrip() {
        return !silence && onTrip && speedKmh < stopKmh;
    }

    /** A ping at a speed that cannot be part of a stop. */
    public boolean moving() {
        return !silence && speedKmh >= stopKmh;
    }

    /**
     * True when this ping stays within the stop radius of {@code first}. Two fixes of a standing
     * truck differ by up to about three times the reported accuracy, so the radius widens by that
     * much: a noisy receiver must not break a stop in two.
     */
    public boolean staysNear(TruckObservation first) {
        double radius = stopRadiusM + 3 * (Double.isNaN(accuracyM) ? 0 : accuracyM);
        return org.gridwatch.common.geo.LocalProjection.haversineMetres(
                        lat, lon, first.lat, first.lon)
                <= radius;
    }

    /** JT/T 808 load state of a status word. */
    public static int loadOf(Long status) {
        return status == null ? LOAD_UNKNOWN : (int) ((status >> 8) & 3);
    }
}
