package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.rules.SustainedCondition;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything GridWatch remembers about one truck, as one POJO in keyed state: the trip, one
 * hysteresis tracker and one open alert episode per rule, and a short recent track (evidence for
 * the alerts), the GPS fix filter's memory ({@link FixFilter}). Cleared entirely once the truck has
 * been silent for {@code truck.forgetAfter} (6 h). (Pings waiting for the watermark live apart, in
 * an {@code EventTimeBuffer}.)
 */
public final class TruckState {
    /** Recent pings kept as evidence: two minutes at one ping per 10 s. */
    public static final int TRACK = 12;

    public String truckId;
    public long lastPing = -1;
    public double lastLat = Double.NaN;
    public double lastLon = Double.NaN;
    public String plate;
    public TripTracker trip = new TripTracker();

    public SustainedCondition offRoute = new SustainedCondition();
    public SustainedCondition offHours = new SustainedCondition();
    public SustainedCondition noPermit = new SustainedCondition();
    public SustainedCondition inZone = new SustainedCondition();
    public SustainedCondition overSpeed = new SustainedCondition();

    public Episode deviationAlert;
    public Episode offHoursAlert;
    public Episode noPermitAlert;
    public Episode zoneAlert;
    public Episode overspeedAlert;
    public Episode signalLostAlert;

    /** Highest speed of the current overspeed run or episode. */
    public double maxSpeedKmh;

    /** The last accepted fix as the dumping stop saw it. */
    public TruckObservation lastObservation;

    /**
     * The stop in progress and its suspected-dumping episode (null in state written before it
     * existed).
     */
    public DumpingStop dumping = new DumpingStop();

    public List<Evidence> track = new ArrayList<>();

    /** Which fixes the rules may act on, and where (null in state written before it existed). */
    public FixFilter fixes = new FixFilter();

    /**
     * Event-time timers registered for the silence checks (so they can be replaced), -1 if none.
     */
    public long silenceTimer = -1;

    public long quietTimer = -1;
    public long forgetTimer = -1;

    public TruckState() {}

    DumpingStop dumping() {
        if (dumping == null) {
            dumping = new DumpingStop();
        }
        return dumping;
    }

    FixFilter fixes() {
        if (fixes == null) {
            fixes = new FixFilter();
        }
        return fixes;
    }

    /** The episodes open now (that take further evidence), dumping's included. */
    List<Episode> openEpisodes() {
        List<Episode> open = new ArrayList<>();
        for (Episode e :
                new Episode[] {
                    deviationAlert,
                    offHoursAlert,
                    noPermitAlert,
                    zoneAlert,
                    overspeedAlert,
                    signalLostAlert,
                    dumping == null ? null : dumping.episode
                }) {
            if (e != null) {
                open.add(e);
            }
        }
        return open;
    }

    void remember(Evidence e) {
        if (track.size() >= TRACK) {
            track.remove(0);
        }
        track.add(e);
    }

    boolean anyOpen() {
        return deviationAlert != null
                || offHoursAlert != null
                || noPermitAlert != null
                || zoneAlert != null
                || overspeedAlert != null
                || signalLostAlert != null
                || (dumping != null && dumping.isOpen());
    }
}
