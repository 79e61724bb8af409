package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.describeTrip;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.label;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.open;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.quietClose;

/**
 * The muck-truck rules applied to one truck's pings in event-time order (package README): trip,
 * route corridor, permit hours and validity, prohibited zones, speed, and the silences that make a
 * lost signal, and suspected dumping ({@link DumpingStop}, fed one {@link TruckObservation} per
 * accepted fix). Every fix goes through the truck's {@link FixFilter} first: the rules act on
 * accepted fixes only, at the place and speed it gives them (a standing truck's drift at the place
 * it stopped, a terminal's missing speed estimated from the fixes), and an outlier only joins the
 * evidence. No Flink here: the Flink function hands pings and timer times in and sends out what
 * comes back.
 *
 * <p>This class orchestrates: it filters and places the fix, follows the trip and the permit
 * standing, and hands the accepted ping to the rules, which live in classes of their own so that
 * each reads in one place: {@link PermitRules} (off hours, no permit), {@link RouteZoneSpeedRules}
 * (route deviation, prohibited zone, overspeed), {@link DumpingStop} (suspected dumping). The lost
 * signal and the timers' work stay here, as they are about the truck's silences, not one rule.
 */
public final class TruckCompliance {
    /**
     * What one ping produced: alert revisions; whether it repeated the last ping (time and place);
     * why the rules ignored its fix ({@link FixFilter.Reason}), null when they used it.
     */
    public record Outcome(List<Alert> alerts, boolean duplicate, FixFilter.Reason outlier) {}

    private final CityReference ref;
    private final TruckRules rules;
    private final PermitRules permitRules;
    private final RouteZoneSpeedRules routeZoneSpeed;

    /**
     * @param corridors cache of permit id to route corridor, valid for this reference version
     */
    public TruckCompliance(
            CityReference ref, TruckRules rules, Map<String, RouteCorridor> corridors) {
        this.ref = ref;
        this.rules = rules;
        this.permitRules = new PermitRules(ref, rules);
        this.routeZoneSpeed = new RouteZoneSpeedRules(ref, rules, corridors);
    }

    public TruckRules rules() {
        return rules;
    }

    /** Applies one ping; pings at or before the last one applied (duplicates) change nothing. */
    public Outcome observe(TruckState s, GpsPing p, long now) {
        long t = p.eventTime();
        if (t < s.lastPing || t == s.lastPing && s.fixes().repeats(p)) {
            return new Outcome(List.of(), true, null);
        }
        List<Alert> out = new ArrayList<>();
        s.truckId = p.entityId();
        if (p.plate() != null) {
            s.plate = p.plate();
        }
        if (s.signalLostAlert != null) {
            Episode e = s.signalLostAlert;
            long silentMin = (t - s.lastPing) / 60_000;
            e.attribute("silentMinutes", Long.toString(silentMin));
            out.add(
                    e.close(
                            t,
                            now,
                            TruckMessages.signalBackZh(label(s, p.entityId()), silentMin),
                            TruckMessages.signalBackEn(label(s, p.entityId()), silentMin)));
            s.signalLostAlert = null;
        }
        s.lastPing = t;
        FixFilter.Verdict v = s.fixes().classify(p, rules);
        if (!v.accepted()) {
            // It proves the terminal is alive (the lost-signal timer restarts), nothing about the
            // truck. Kept as evidence, unless it has no position: its stale coordinates would show
            // a wrong place.
            if (v.outlier() != FixFilter.Reason.NOT_POSITIONED) {
                Evidence ev =
                        new Evidence(
                                "gps",
                                p.entityId(),
                                t,
                                p.lat(),
                                p.lon(),
                                "GPS outlier (" + v.outlier().code + "), ignored");
                s.remember(ev);
                s.openEpisodes().forEach(e -> e.evidence(ev));
            }
            return new Outcome(out, false, v.outlier());
        }
        Evidence fix = new Evidence("gps", p.entityId(), t, p.lat(), p.lon(), note(p, v));
        p =
                new GpsPing(
                        p.entityId(),
                        p.entityType(),
                        t,
                        v.lat(),
                        v.lon(),
                        v.speedKmh(),
                        p.heading(),
                        p.accuracyM(),
                        p.status(),
                        p.alarm(),
                        p.plate(),
                        p.source(),
                        p.speedMissing());
        s.lastLat = p.lat();
        s.lastLon = p.lon();
        AcceptedPing ping = new AcceptedPing(p, fix);
        s.remember(ping.evidence());

        GeoIndex<Site> sites = ref.siteIndex();
        Site inside = sites.firstContaining(p.lat(), p.lon());
        boolean outsideAll =
                inside == null && sites.within(p.lat(), p.lon(), rules.siteMarginM()).isEmpty();
        TripTracker trip = s.trip;
        List<Permit> permits = ref.permitsOf(p.entityId());
        if (trip.observe(p.entityId(), t, inside, outsideAll) == TripTracker.Change.STARTED) {
            Permit tp = PermitStanding.at(permits, t, ref.zone(), trip.sourceSiteId).permit();
            trip.permitId = tp == null ? null : tp.permitId();
        }
        PermitStanding standing =
                PermitStanding.at(permits, t, ref.zone(), trip.onTrip() ? trip.sourceSiteId : null);
        Permit tripPermit = trip.permitId == null ? null : ref.permits().get(trip.permitId);

        routeZoneSpeed.routeDeviation(s, ping, tripPermit, out, now);
        permitRules.offHours(s, ping, standing, out, now);
        permitRules.noPermit(s, ping, standing, permits, out, now);
        routeZoneSpeed.prohibitedZone(s, ping, out, now);
        if (v.speedKnown()) {
            // A terminal without a speed, just started: no speed is known yet, so none is judged.
            routeZoneSpeed.overspeed(
                    s, ping, tripPermit != null ? tripPermit : standing.permit(), out, now);
        }
        s.lastObservation = observation(s, p, outsideAll);
        out.addAll(s.dumping().observe(s.lastObservation, v.drift(), now));
        return new Outcome(out, false, null);
    }

    /** The evidence note of an accepted fix: the speed as reported or estimated, and drift. */
    private static String note(GpsPing raw, FixFilter.Verdict v) {
        String speed =
                !raw.speedMissing()
                        ? Math.round(raw.speedKmh()) + " km/h"
                        : v.speedKnown()
                                ? "about " + Math.round(v.speedKmh()) + " km/h (from the fixes)"
                                : "no speed";
        return v.drift() ? speed + ", standing (GPS drift)" : speed;
    }

    /**
     * Timer work at event time {@code time}: a lost signal on a trip, off-hours / no-permit
     * episodes gone quiet.
     */
    public List<Alert> onSilence(TruckState s, long time, boolean endOfInput, long now) {
        List<Alert> out = new ArrayList<>();
        if (s.lastPing < 0) {
            return out;
        }
        if (s.trip.onTrip()
                && s.signalLostAlert == null
                && !endOfInput
                && time >= s.lastPing + rules.signalLostMs()) {
            Episode e =
                    open(
                            ref,
                            AlertType.TRUCK_SIGNAL_LOST,
                            s,
                            s.trip.tripId,
                            s.lastPing,
                            Severity.HIGH,
                            s.lastLat,
                            s.lastLon);
            Permit tp = s.trip.permitId == null ? null : ref.permits().get(s.trip.permitId);
            describeTrip(e, s.trip, tp);
            e.attribute("lastPing", org.gridwatch.common.json.Json.iso(s.lastPing));
            s.signalLostAlert = e;
            long min = (time - s.lastPing) / 60_000;
            out.add(
                    e.emit(
                            time,
                            now,
                            TruckMessages.signalLostZh(label(s, e.entityId), min),
                            TruckMessages.signalLostEn(label(s, e.entityId), min)));
        }
        if (!endOfInput && time >= s.lastPing + rules.signalLostMs()) {
            // Silent for as long as makes a lost signal: a stop in progress ends at its last ping.
            out.addAll(s.dumping().signalLost(now));
        }
        if (time - s.lastPing >= rules.quietGapMs()) {
            quietClose(
                    s.offHours,
                    s.offHoursAlert,
                    s.lastPing,
                    out,
                    now,
                    "运输时段外行驶结束",
                    "off-hours driving ended");
            s.offHoursAlert = s.offHours.active ? s.offHoursAlert : null;
            quietClose(
                    s.noPermit,
                    s.noPermitAlert,
                    s.lastPing,
                    out,
                    now,
                    "无证运输结束",
                    "unpermitted driving ended");
            s.noPermitAlert = s.noPermit.active ? s.noPermitAlert : null;
        }
        return out;
    }

    /**
     * The input has ended (the watermark reached the end of time: a bounded replay is over, or the
     * job was drained) and every ping is applied: a dumping episode still open closes at its last
     * stop ping, so no episode is left open for ever. The other rules keep their episodes (the end
     * of a recording is not a lost signal).
     */
    public List<Alert> inputEnded(TruckState s, long now) {
        return s.dumping().inputEnded(now);
    }

    /**
     * Closes everything still open (the truck has been silent for {@code truck.forgetAfter}); the
     * caller then clears the state.
     */
    public List<Alert> forget(TruckState s, long time, long now) {
        List<Alert> out = new ArrayList<>();
        String why = "已" + rules.forgetAfterMs() / 3_600_000 + "小时无定位数据，告警关闭";
        String whyEn = "no position for " + rules.forgetAfterMs() / 3_600_000 + " h; alert closed";
        for (Episode e :
                new Episode[] {
                    s.deviationAlert,
                    s.offHoursAlert,
                    s.noPermitAlert,
                    s.zoneAlert,
                    s.overspeedAlert
                }) {
            if (e != null) {
                out.add(
                        e.close(
                                Math.max(e.episodeStart, s.lastPing),
                                now,
                                label(s, e.entityId) + why,
                                label(s, e.entityId) + ": " + whyEn));
            }
        }
        out.addAll(s.dumping().signalLost(now));
        if (s.signalLostAlert != null) {
            Episode e = s.signalLostAlert;
            out.add(
                    e.close(
                            time,
                            now,
                            label(s, e.entityId) + why,
                            label(s, e.entityId) + ": " + whyEn));
        }
        return out;
    }

    private TruckObservation observation(TruckState s, GpsPing p, boolean outsideAll) {
        TripTracker trip = s.trip;
        boolean lifted = p.status() != null && ((p.status() >> rules.boxLiftedBit()) & 1) == 1;
        boolean candidate = trip.onTrip() && outsideAll && p.speedKmh() < rules.stopKmh();
        Grid g = candidate ? ref.gridAt(p.lat(), p.lon()) : null;
        return new TruckObservation(
                p.entityId(),
                p.eventTime(),
                p.lat(),
                p.lon(),
                p.speedKmh(),
                p.accuracyM() == null ? Double.NaN : p.accuracyM(),
                s.plate,
                trip.tripId,
                trip.permitId,
                trip.onTrip(),
                outsideAll,
                TruckObservation.loadOf(p.status()),
                lifted,
                rules.stopKmh(),
                rules.stopRadiusM(),
                rules.stopMinMs(),
                g == null ? null : g.gridCode(),
                g == null ? null : g.districtName(),
                false);
    }
}
