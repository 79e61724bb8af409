package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.model.GpsPing;

import java.util.ArrayList;
import java.util.List;

import static org.gridwatch.jobs.trucks.logic.FixPhysics.allowance;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.check;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.distance;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.estimate;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.median;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.moved;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.parked;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.reportsStandstill;
import static org.gridwatch.jobs.trucks.logic.FixPhysics.seconds;

/**
 * Decides, for one truck, which GPS fixes the rules may act on and where and how fast the truck was
 * at each (package README, "GPS fixes"). Real terminals produce single fixes hundreds of metres off
 * (multipath), runs of fixes offset from the road, a standing truck whose fixes wander and whose
 * GPS speed flickers over 3 km/h, and, on terminals that send no speed, speeds computed from one
 * pair of fixes that reach 120-248 km/h. A rule fed those raises alerts about the receiver, not the
 * truck.
 *
 * <p>Each fix is judged against the last <em>accepted</em> one: no position (status bit 1 clear),
 * the same time, a move faster than {@code truck.fixMaxKmh}, a harder acceleration than {@code
 * truck.fixMaxAccel}, or a move farther than the reported speeds allow (plus {@code
 * truck.fixSpeedSlackKmh}). Every distance first loses {@code truck.fixNoiseM} plus both fixes'
 * reported accuracies, so ordinary GPS error is never an outlier. An outlier changes nothing here
 * but the outlier run: when {@code truck.fixConfirm} outliers in a row agree with each other (each
 * plausible from the one before), the last is accepted, so a real move the last accepted fix cannot
 * explain (a relocation after a gap, or a bad fix that was accepted first) is not refused for ever.
 * The physics of these checks is in {@link FixPhysics}.
 *
 * <p>A parked truck (ignition off, JT/T 808 status bit 0 clear, and no speed reported or a standing
 * one) cannot move: a run of its fixes that stays together somewhere else is a bias run, not a
 * move, and is confirmed only once it has lasted {@code truck.signalLostAfter} (a terminal that
 * misreports its ignition is followed after that).
 *
 * <p>An accepted fix is then placed: while the truck stands, a fix within {@code
 * truck.driftRadiusM} of the anchor (plus the noise allowance while the terminal reports standing)
 * is drift, put at the anchor with speed 0, unless it reports {@code truck.movingKmh} or more for
 * the second time in a row (one such reading is a GPS glitch, two are the truck pulling away). The
 * anchor is the median, axis by axis, of the raw fixes since the truck stopped (at most {@value
 * #MAX_RECENT}, the newest): the first stopped fix is as noisy as any other, and a truck whose
 * first fix fell just outside a site's fence while it stood inside must be seen inside. Its speed
 * is the reported one, or, when the terminal sent none (or an impossible one), the straight-line
 * distance over the accepted fixes of the last {@code truck.speedWindow} divided by the time: one
 * fix off moves that estimate for at most two pings, never for a run, and crooked roads make it
 * low, never high. Without either, a truck whose ignition is off stands (speed 0).
 *
 * <p>A POJO kept in the truck's keyed state ({@link TruckState#fixes}). Clearing: it holds the last
 * accepted fix, the outlier run (reset at each accepted fix), the anchor and the raw fixes it is
 * the median of (reset when the truck moves away; at most {@value #MAX_RECENT}) and the fixes of
 * the last {@code truck.speedWindow} (at most {@value #MAX_RECENT}); all of it goes with the
 * truck's state when the truck is forgotten.
 */
public final class FixFilter {
    /**
     * Why a fix was not accepted; {@link #code} names it in the {@code gpsOutliers} metric and the
     * evidence.
     */
    public enum Reason {
        NOT_POSITIONED("not_positioned"),
        DUPLICATE_TIME("duplicate_time"),
        IMPOSSIBLE_SPEED("impossible_speed"),
        IMPOSSIBLE_ACCELERATION("impossible_acceleration"),
        DISAGREES_WITH_SPEED("disagrees_with_speed");

        public final String code;

        Reason(String code) {
            this.code = code;
        }
    }

    /**
     * What the rules get from one fix.
     *
     * @param outlier why the rules must not act on it, null when accepted
     * @param lat where the rules place it (the anchor for drift)
     * @param speedKmh the speed the rules use: 0 for drift, else reported, else estimated; 0 when
     *     unknown
     * @param speedKnown false when the terminal sent no speed and the fixes do not yet span enough
     *     time to estimate one
     * @param drift a standing truck's fix, put at the anchor
     */
    public record Verdict(
            Reason outlier,
            double lat,
            double lon,
            double speedKmh,
            boolean speedKnown,
            boolean drift) {
        public boolean accepted() {
            return outlier == null;
        }
    }

    /** One fix as the filter remembers it. */
    public static final class Fix {
        public long time;
        public double lat;
        public double lon;

        /** Reported speed, NaN when none was sent or it was impossible. */
        public double speedKmh = Double.NaN;

        /** Reported accuracy, 0 when none. */
        public double accuracyM;

        /** Lower bound of the speed (m/s) from the accepted fix before; NaN when unknown. */
        public double impliedMs = Double.NaN;

        /**
         * JT/T 808 status bit 0 (ACC) clear: the engine is off. False when the status is unknown.
         */
        public boolean ignitionOff;

        public Fix() {}

        Fix at(double newLat, double newLon) {
            Fix c = new Fix();
            c.time = time;
            c.lat = newLat;
            c.lon = newLon;
            c.speedKmh = speedKmh;
            c.accuracyM = accuracyM;
            c.impliedMs = impliedMs;
            c.ignitionOff = ignitionOff;
            return c;
        }
    }

    static final int MAX_RECENT = 32;
    private static final long ACC_ON_BIT = 1L;
    private static final long POSITIONED_BIT = 1L << 1;

    /** The last accepted fix, null before the first. */
    public Fix accepted;

    /** The last outlier while outliers come in a row agreeing with each other, null otherwise. */
    public Fix candidate;

    public int candidateRun;

    /** The first outlier of the run, and whether every fix of the run was parked. */
    public Fix candidateFirst;

    public boolean candidateParked;

    /**
     * Accepted fixes where the rules placed them, oldest first, within {@code truck.speedWindow}.
     */
    public List<Fix> recent = new ArrayList<>();

    /**
     * Where the truck stands (the median of {@link #standing}), while it stands; null while it
     * moves.
     */
    public Fix anchor;

    /**
     * The raw accepted fixes since the truck stopped, oldest first, at most {@value #MAX_RECENT}.
     */
    public List<Fix> standing = new ArrayList<>();

    /** Readings of {@code truck.movingKmh} or more in a row within the drift radius. */
    public int fastReadings;

    /**
     * Time and place of the last ping classified (a repeat of it is a transport duplicate, not a
     * fix).
     */
    public long seenTime = -1;

    public double seenLat = Double.NaN;
    public double seenLon = Double.NaN;

    public FixFilter() {}

    /**
     * True when {@code p} has the time and place of the last ping classified: the same record
     * delivered again.
     */
    public boolean repeats(GpsPing p) {
        return p.eventTime() == seenTime && p.lat() == seenLat && p.lon() == seenLon;
    }

    public Verdict classify(GpsPing p, TruckRules rules) {
        seenTime = p.eventTime();
        seenLat = p.lat();
        seenLon = p.lon();
        if (p.status() != null && (p.status() & POSITIONED_BIT) == 0) {
            // A terminal without a fix repeats stale coordinates: alive, but nowhere.
            return new Verdict(Reason.NOT_POSITIONED, p.lat(), p.lon(), 0, false, false);
        }
        Fix f = new Fix();
        f.time = p.eventTime();
        f.lat = p.lat();
        f.lon = p.lon();
        f.accuracyM = p.accuracyM() == null ? 0 : p.accuracyM();
        f.ignitionOff = p.status() != null && (p.status() & ACC_ON_BIT) == 0;
        if (!p.speedMissing() && p.speedKmh() <= rules.fixMaxKmh()) {
            f.speedKmh = p.speedKmh();
        }
        if (accepted != null && f.time <= accepted.time) {
            return outlier(Reason.DUPLICATE_TIME, f);
        }
        Reason why = accepted == null ? null : check(accepted, f, rules);
        if (why == null && movedWhileReportingStandstill(f, rules)) {
            why = Reason.DISAGREES_WITH_SPEED;
        }
        if (why != null) {
            boolean agrees =
                    candidate != null
                            && candidate.time < f.time
                            && check(candidate, f, rules) == null;
            if (agrees) {
                candidateRun++;
                candidateParked &= parked(f, rules);
            } else {
                candidateRun = 1;
                candidateFirst = f;
                candidateParked = parked(f, rules);
            }
            candidate = f;
            if (candidateRun < rules.fixConfirm() || parkedBias(f, rules)) {
                return outlier(why, f);
            }
            // The jump held: the truck is there. What was known about the old place says nothing
            // now.
            recent.clear();
            leaveAnchor();
        } else if (accepted != null) {
            f.impliedMs = moved(accepted, f, rules) / seconds(accepted, f);
        }
        candidate = null;
        candidateFirst = null;
        candidateRun = 0;
        accepted = f;
        return place(f, rules);
    }

    /**
     * A standing truck whose terminal still reports standing, at a fix beyond the drift radius (and
     * the noise allowance) from where it stands: a bias run, not a move, however long the interval
     * (a parked terminal reports every few minutes, which the speed check in {@link
     * FixPhysics#check} leaves alone). A real move reports speed, or is confirmed by {@code
     * truck.fixConfirm} fixes agreeing at the new place.
     */
    private boolean movedWhileReportingStandstill(Fix f, TruckRules rules) {
        return anchor != null
                && reportsStandstill(f, rules)
                && distance(anchor, f) > rules.driftRadiusM() + allowance(anchor, f, rules);
    }

    /**
     * Within the drift radius plus the noise allowance while the terminal reports standing: drift,
     * not a move.
     */
    private boolean reportsStandstillNearAnchor(Fix f, TruckRules rules) {
        return reportsStandstill(f, rules)
                && distance(anchor, f) <= rules.driftRadiusM() + allowance(anchor, f, rules);
    }

    /**
     * A run of outliers from a parked truck that stays together (within the drift radius plus the
     * noise allowance of its first fix) and has not yet lasted {@code truck.signalLostAfter}: a
     * bias run, however many fixes it has; confirming it would start a trip the truck never made.
     */
    private boolean parkedBias(Fix f, TruckRules rules) {
        return anchor != null
                && candidateParked
                && f.time - candidateFirst.time < rules.signalLostMs()
                && distance(candidateFirst, f)
                        <= rules.driftRadiusM() + allowance(candidateFirst, f, rules);
    }

    private Verdict place(Fix f, TruckRules rules) {
        double estimate = estimate(recent, f, rules);
        double speed =
                !Double.isNaN(f.speedKmh)
                        ? f.speedKmh
                        : !Double.isNaN(estimate) ? estimate : f.ignitionOff ? 0 : Double.NaN;
        boolean known = !Double.isNaN(speed);
        boolean drift = false;
        if (anchor != null
                && (distance(anchor, f) <= rules.driftRadiusM()
                        || reportsStandstillNearAnchor(f, rules))) {
            fastReadings = known && speed >= rules.movingKmh() ? fastReadings + 1 : 0;
            drift = fastReadings < 2;
        }
        if (drift) {
            stand(f);
        } else {
            leaveAnchor();
        }
        Fix placed = drift ? f.at(anchor.lat, anchor.lon) : f;
        double ruleSpeed = drift ? 0 : known ? speed : 0;
        if (anchor == null && known && ruleSpeed < rules.stopKmh()) {
            stand(f);
        }
        remember(placed, rules);
        return new Verdict(null, placed.lat, placed.lon, ruleSpeed, known || drift, drift);
    }

    /** Adds a standing fix and moves the anchor to the median of the standing fixes. */
    private void stand(Fix f) {
        standing.add(f);
        if (standing.size() > MAX_RECENT) {
            standing.remove(0);
        }
        double[] lats = new double[standing.size()];
        double[] lons = new double[standing.size()];
        for (int i = 0; i < lats.length; i++) {
            lats[i] = standing.get(i).lat;
            lons[i] = standing.get(i).lon;
        }
        anchor = f.at(median(lats), median(lons));
    }

    private void leaveAnchor() {
        anchor = null;
        standing.clear();
        fastReadings = 0;
    }

    private void remember(Fix placed, TruckRules rules) {
        recent.add(placed);
        while (recent.size() > MAX_RECENT
                || placed.time - recent.get(0).time > rules.speedWindowMs()) {
            recent.remove(0);
        }
    }

    private Verdict outlier(Reason why, Fix f) {
        return new Verdict(why, f.lat, f.lon, 0, false, false);
    }
}
