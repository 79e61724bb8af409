package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TRUCK_SUSPECTED_DUMPING for one truck (package README): the stop in progress and its episode, so
 * the decision to open and the decision to close come from one place that knows whether the episode
 * is open. (It used to be two independent Flink CEP patterns, one opening and one closing; their
 * partial matches diverged, and an episode the first opened the second could never close.)
 *
 * <p>A stop begins at a stopped ping on a trip right after a ping that was not stopped (the truck
 * arrived moving), holds while the pings stay stopped on the same trip near its first ping (or are
 * the fix filter's drift: the filter places a standing truck at the median of its fixes, which may
 * settle tens of metres from the first one, and a standing truck has not left its stop), and opens
 * an episode at the first stop ping {@code truck.stopMin} after the first while most of its fixes
 * are outside every site. It ends at the first ping that is not part of it (moving on, beyond the
 * stop radius, off the trip), when the signal drops or at the end of the input; an open episode is
 * always closed then. A POJO kept in the truck's keyed state.
 */
public final class DumpingStop {
    /**
     * The last observation when it was not stopped (the candidate "arrived moving" ping), or null.
     */
    public TruckObservation moving;

    /** The stop in progress: first and last ping, null when there is none. */
    public TruckObservation first;

    public TruckObservation last;

    /** The moving ping just before the stop. */
    public TruckObservation before;

    public int pings;
    public int outside;
    public boolean boxLifted;
    public boolean emptyDuring;

    /** The stop's evidence (bounded as an episode's is) until an episode takes it over. */
    public List<Evidence> evidence = new ArrayList<>();

    /** The open episode (emitted OPEN), or null. */
    public Episode episode;

    public DumpingStop() {}

    /**
     * One located ping, in event-time order; returns the alert revisions it causes.
     *
     * @param drift the fix filter placed it as a standing truck's drift
     */
    public List<Alert> observe(TruckObservation o, boolean drift, long now) {
        List<Alert> out = new ArrayList<>(1);
        if (first != null && !partOf(o, drift)) {
            end(o, o.time(), now, "，已驶离", "; it has moved on", out);
        }
        if (first == null && moving != null && o.stoppedOnTrip()) {
            first = o;
            before = moving;
            pings = 0;
            outside = 0;
            boxLifted = false;
            emptyDuring = false;
            evidence = new ArrayList<>();
            evidence.add(evidence(moving, "moving"));
        }
        if (first != null) {
            add(o);
            if (episode == null
                    && o.time() - first.time() >= first.stopMinMs()
                    && 2 * outside > pings) {
                episode = episode();
                long min = (o.time() - first.time()) / 60_000;
                out.add(
                        episode.emit(
                                o.time(),
                                now,
                                TruckMessages.dumpingZh(label(), min, strong(null)),
                                TruckMessages.dumpingEn(label(), min, strong(null))));
            }
        }
        moving = o.moving() ? o : null;
        return out;
    }

    /**
     * The truck's signal dropped (silent for {@code truck.signalLostAfter}): the stop ends at its
     * last ping.
     */
    public List<Alert> signalLost(long now) {
        List<Alert> out = new ArrayList<>(1);
        moving = null;
        if (first != null) {
            end(null, last.time(), now, "，随后信号中断", "; then its signal dropped", out);
        }
        return out;
    }

    /**
     * The input ended (a bounded replay, or a drained job) or the truck is being forgotten: the
     * stop ends at its last ping.
     */
    public List<Alert> inputEnded(long now) {
        List<Alert> out = new ArrayList<>(1);
        if (first != null) {
            end(null, last.time(), now, "，记录结束", "; the recording ended", out);
        }
        return out;
    }

    public boolean isOpen() {
        return episode != null;
    }

    private boolean partOf(TruckObservation o, boolean drift) {
        return o.stoppedOnTrip()
                && (drift || o.staysNear(first))
                && Objects.equals(o.tripId(), first.tripId());
    }

    private void add(TruckObservation o) {
        last = o;
        pings++;
        outside += o.outsideSites() ? 1 : 0;
        boxLifted |= o.boxLifted();
        emptyDuring |= o.load() == TruckObservation.LOAD_EMPTY;
        Evidence e = evidence(o, o.boxLifted() ? "stopped, box lifted" : "stopped");
        if (episode != null) {
            episode.evidence(e);
        } else {
            if (evidence.size() >= Episode.MAX_EVIDENCE) {
                evidence.remove(Episode.MAX_EVIDENCE / 2);
            }
            evidence.add(e);
        }
    }

    private void end(
            TruckObservation after, long end, long now, String zh, String en, List<Alert> out) {
        if (episode != null) {
            Episode e = episode;
            boolean strong = strong(after);
            e.severity = strong ? Severity.HIGH : Severity.MEDIUM;
            describe(e, end, after);
            if (after != null) {
                e.evidence(evidence(after, "moved on"));
            }
            long min = (end - first.time()) / 60_000;
            out.add(
                    e.close(
                            end,
                            now,
                            TruckMessages.dumpingZh(label(), min, strong) + zh,
                            TruckMessages.dumpingEn(label(), min, strong) + en));
        }
        episode = null;
        first = null;
        last = null;
        before = null;
        evidence = new ArrayList<>();
    }

    private Episode episode() {
        TruckObservation f = first;
        Episode e =
                Episode.open(
                                AlertType.TRUCK_SUSPECTED_DUMPING,
                                "TRUCK",
                                f.truckId(),
                                f.time(),
                                strong(null) ? Severity.HIGH : Severity.MEDIUM)
                        .at(f.lat(), f.lon(), f.gridCode(), f.district());
        e.attribute("plate", f.plate())
                .attribute("tripId", f.tripId())
                .attribute("permitId", f.permitId());
        e.attribute("stopLat", Double.toString(f.lat()))
                .attribute("stopLon", Double.toString(f.lon()));
        describe(e, last.time(), null);
        evidence.forEach(e::evidence);
        evidence = new ArrayList<>();
        return e;
    }

    private void describe(Episode e, long end, TruckObservation after) {
        e.attribute("stopMinutes", Long.toString((end - first.time()) / 60_000));
        e.attribute("boxLifted", Boolean.toString(boxLifted))
                .attribute("loadFullToEmpty", Boolean.toString(emptied(after)));
    }

    /** Full before the stop, empty during or right after it. */
    private boolean emptied(TruckObservation after) {
        boolean fullBefore =
                before.load() == TruckObservation.LOAD_FULL
                        || first.load() == TruckObservation.LOAD_FULL;
        return fullBefore
                && (emptyDuring || (after != null && after.load() == TruckObservation.LOAD_EMPTY));
    }

    private boolean strong(TruckObservation after) {
        return boxLifted || emptied(after);
    }

    private String label() {
        return first.plate() != null ? first.plate() : first.truckId();
    }

    private static Evidence evidence(TruckObservation o, String what) {
        return new Evidence(
                "gps",
                o.truckId(),
                o.time(),
                o.lat(),
                o.lon(),
                String.format("%.0f km/h, %s", o.speedKmh(), what));
    }
}
