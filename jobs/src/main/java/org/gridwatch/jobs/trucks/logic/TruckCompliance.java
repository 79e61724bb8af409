package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.SustainedCondition;
import org.gridwatch.common.rules.SustainedCondition.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.closeEpisode;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.configure;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.fmt;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.label;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.quietClose;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.simpleEpisode;

/**
 * The muck-truck rules applied to one truck's pings in event-time order (package README): trip,
 * route corridor, permit hours and validity, prohibited zones, speed, and the silences that make a
 * lost signal, and suspected dumping ({@link DumpingStop}, fed one {@link TruckObservation} per
 * accepted fix). Every fix goes through the truck's {@link FixFilter} first: the rules act on
 * accepted fixes only, at the place and speed it gives them (a standing truck's drift at the place
 * it stopped, a terminal's missing speed estimated from the fixes), and an outlier only joins the
 * evidence. No Flink here: the Flink function hands pings and timer times in and sends out what
 * comes back.
 */
public final class TruckCompliance {
    /**
     * What one ping produced: alert revisions; whether it repeated the last ping (time and place);
     * why the rules ignored its fix ({@link FixFilter.Reason}), null when they used it.
     */
    public record Outcome(List<Alert> alerts, boolean duplicate, FixFilter.Reason outlier) {}

    private final CityReference ref;
    private final TruckRules rules;
    private final Map<String, RouteCorridor> corridors;

    /**
     * @param corridors cache of permit id to route corridor, valid for this reference version
     */
    public TruckCompliance(
            CityReference ref, TruckRules rules, Map<String, RouteCorridor> corridors) {
        this.ref = ref;
        this.rules = rules;
        this.corridors = corridors;
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
            // truck.
            // Kept as evidence, unless it has no position: its stale coordinates would show a wrong
            // place.
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
        Ping ping = new Ping(p, fix);
        s.remember(ping.evidence);

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

        routeDeviation(s, ping, tripPermit, out, now);
        offHours(s, ping, standing, out, now);
        noPermit(s, ping, standing, permits, out, now);
        prohibitedZone(s, ping, out, now);
        if (v.speedKnown()) {
            // A terminal without a speed, just started: no speed is known yet, so none is judged.
            overspeed(s, ping, tripPermit != null ? tripPermit : standing.permit(), out, now);
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

    // ---- the rules

    private record Ping(GpsPing p, Evidence evidence) {}

    private void routeDeviation(
            TruckState s, Ping ping, Permit tripPermit, List<Alert> out, long now) {
        SustainedCondition c = configure(s.offRoute, rules.deviationAfterMs(), 2, 0, 2);
        GpsPing p = ping.p;
        if (!s.trip.onTrip() || tripPermit == null || tripPermit.route() == null) {
            if (c.forceClose(p.eventTime()) && s.deviationAlert != null) {
                Episode e = s.deviationAlert;
                out.add(
                        e.close(
                                c.episodeEnd,
                                now,
                                TruckMessages.deviationEndZh(label(s, p.entityId()), "行程结束"),
                                TruckMessages.deviationEndEn(
                                        label(s, p.entityId()), "trip ended")));
                s.deviationAlert = null;
            }
            return;
        }
        double d = corridor(tripPermit).distanceM(p.lat(), p.lon());
        double limit = c.active ? rules.corridorM() * rules.corridorReturn() : rules.corridorM();
        Change change = c.observe(p.eventTime(), d > limit);
        Episode e = s.deviationAlert;
        switch (change) {
            case OPENED -> {
                e =
                        open(
                                AlertType.TRUCK_ROUTE_DEVIATION,
                                s,
                                s.trip.tripId,
                                c.episodeStart,
                                Severity.MEDIUM,
                                p.lat(),
                                p.lon());
                describeTrip(e, s.trip, tripPermit);
                e.attribute("corridorM", fmt(rules.corridorM()))
                        .attribute("distanceM", fmt(d))
                        .attribute("maxDistanceM", fmt(d));
                s.deviationAlert = e;
                out.add(
                        e.emit(
                                p.eventTime(),
                                now,
                                TruckMessages.deviationZh(
                                        label(s, p.entityId()), d, rules.corridorM()),
                                TruckMessages.deviationEn(
                                        label(s, p.entityId()), d, rules.corridorM())));
            }
            case CONTINUED -> {
                if (e == null) {
                    return;
                }
                e.evidence(ping.evidence);
                e.attribute("distanceM", fmt(d));
                if (d > Double.parseDouble(e.attributes.getOrDefault("maxDistanceM", "0"))) {
                    e.attribute("maxDistanceM", fmt(d));
                    e.at(p.lat(), p.lon(), null, null);
                }
                if (e.severity == Severity.MEDIUM
                        && p.eventTime() - e.episodeStart >= rules.deviationHighAfterMs()) {
                    e.severity = Severity.HIGH;
                    out.add(
                            e.emit(
                                    p.eventTime(),
                                    now,
                                    TruckMessages.deviationZh(
                                            label(s, p.entityId()), d, rules.corridorM()),
                                    TruckMessages.deviationEn(
                                            label(s, p.entityId()), d, rules.corridorM())));
                }
            }
            case CLOSED -> {
                if (e != null) {
                    e.evidence(ping.evidence);
                    out.add(
                            e.close(
                                    c.episodeEnd,
                                    now,
                                    TruckMessages.deviationEndZh(label(s, p.entityId()), "回到核准路线"),
                                    TruckMessages.deviationEndEn(
                                            label(s, p.entityId()), "back on the approved route")));
                    s.deviationAlert = null;
                }
            }
            default -> {}
        }
    }

    private void offHours(
            TruckState s, Ping ping, PermitStanding standing, List<Alert> out, long now) {
        SustainedCondition c = configure(s.offHours, 0, 2, rules.quietGapMs(), 1);
        GpsPing p = ping.p;
        if (standing.kind() != PermitStanding.Kind.OFF_HOURS && c.active) {
            // Inside the permit's hours (or the permit is gone): the off-hours episode ends here.
            c.forceClose(p.eventTime());
            closeEpisode(
                    s.offHoursAlert,
                    c.episodeEnd,
                    out,
                    now,
                    label(s, p.entityId()) + "运输时段外行驶结束",
                    label(s, p.entityId()) + ": off-hours driving ended");
            s.offHoursAlert = null;
            return;
        }
        boolean hit = standing.kind() == PermitStanding.Kind.OFF_HOURS && moving(p);
        s.offHoursAlert =
                simpleEpisode(
                        c,
                        c.observe(p.eventTime(), hit),
                        s.offHoursAlert,
                        ping.evidence,
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Permit pm = standing.permit();
                            Episode e =
                                    open(
                                            AlertType.TRUCK_OFF_HOURS,
                                            s,
                                            s.trip.tripId,
                                            c.episodeStart,
                                            Severity.MEDIUM,
                                            p.lat(),
                                            p.lon());
                            describeTrip(e, s.trip, pm);
                            e.attribute("permitHours", pm.hours().toString());
                            out.add(
                                    e.emit(
                                            p.eventTime(),
                                            now,
                                            TruckMessages.offHoursZh(label(s, p.entityId()), pm),
                                            TruckMessages.offHoursEn(label(s, p.entityId()), pm)));
                            return e;
                        },
                        s,
                        "运输时段外行驶结束",
                        "off-hours driving ended");
    }

    private void noPermit(
            TruckState s,
            Ping ping,
            PermitStanding standing,
            List<Permit> permits,
            List<Alert> out,
            long now) {
        SustainedCondition c = configure(s.noPermit, 0, 2, rules.quietGapMs(), 1);
        GpsPing p = ping.p;
        boolean registered = ref.trucks().containsKey(p.entityId()) || !permits.isEmpty();
        if (standing.kind() != PermitStanding.Kind.NONE && c.active) {
            // A permit took effect (issued at runtime): the episode ends here.
            c.forceClose(p.eventTime());
            closeEpisode(
                    s.noPermitAlert,
                    c.episodeEnd,
                    out,
                    now,
                    label(s, p.entityId()) + "已取得有效准运证",
                    label(s, p.entityId()) + ": a valid permit is now on record");
            s.noPermitAlert = null;
            return;
        }
        boolean hit = registered && standing.kind() == PermitStanding.Kind.NONE && moving(p);
        s.noPermitAlert =
                simpleEpisode(
                        c,
                        c.observe(p.eventTime(), hit),
                        s.noPermitAlert,
                        ping.evidence,
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Episode e =
                                    open(
                                            AlertType.TRUCK_NO_PERMIT,
                                            s,
                                            s.trip.tripId,
                                            c.episodeStart,
                                            Severity.MEDIUM,
                                            p.lat(),
                                            p.lon());
                            e.attribute("permitsOnRecord", Integer.toString(permits.size()));
                            out.add(
                                    e.emit(
                                            p.eventTime(),
                                            now,
                                            TruckMessages.noPermitZh(label(s, p.entityId())),
                                            TruckMessages.noPermitEn(label(s, p.entityId()))));
                            return e;
                        },
                        s,
                        "无证运输结束",
                        "unpermitted driving ended");
    }

    private void prohibitedZone(TruckState s, Ping ping, List<Alert> out, long now) {
        SustainedCondition c = configure(s.inZone, 0, rules.zonePings(), 0, 2);
        GpsPing p = ping.p;
        Zone closed = null;
        for (Zone z : ref.prohibitedZonesAt(p.lat(), p.lon())) {
            if (z.closedHours() == null || z.closedHours().contains(p.eventTime(), ref.zone())) {
                closed = z;
                break;
            }
        }
        Zone zone = closed;
        s.zoneAlert =
                simpleEpisode(
                        c,
                        c.observe(p.eventTime(), zone != null),
                        s.zoneAlert,
                        ping.evidence,
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Episode e =
                                    open(
                                            AlertType.TRUCK_PROHIBITED_ZONE,
                                            s,
                                            s.trip.tripId,
                                            c.episodeStart,
                                            Severity.HIGH,
                                            p.lat(),
                                            p.lon());
                            describeTrip(
                                    e,
                                    s.trip,
                                    s.trip.permitId == null
                                            ? null
                                            : ref.permits().get(s.trip.permitId));
                            e.attribute("zoneId", zone.zoneId()).attribute("zoneName", zone.name());
                            if (zone.closedHours() != null) {
                                e.attribute("closedHours", zone.closedHours().toString());
                            }
                            out.add(
                                    e.emit(
                                            p.eventTime(),
                                            now,
                                            TruckMessages.zoneZh(label(s, p.entityId()), zone),
                                            TruckMessages.zoneEn(label(s, p.entityId()), zone)));
                            return e;
                        },
                        s,
                        "驶离禁行区",
                        "left the prohibited zone");
    }

    private void overspeed(TruckState s, Ping ping, Permit permit, List<Alert> out, long now) {
        SustainedCondition c = configure(s.overSpeed, rules.overspeedAfterMs(), 2, 0, 2);
        GpsPing p = ping.p;
        double limit =
                permit != null && permit.speedLimitKmh() != null
                        ? permit.speedLimitKmh()
                        : rules.speedLimitKmh();
        Episode before = s.overspeedAlert;
        if (p.speedKmh() > limit) {
            s.maxSpeedKmh = Math.max(s.maxSpeedKmh, p.speedKmh());
        } else if (!c.active) {
            s.maxSpeedKmh = 0;
        }
        s.overspeedAlert =
                simpleEpisode(
                        c,
                        c.observe(p.eventTime(), p.speedKmh() > limit),
                        before,
                        ping.evidence,
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Episode e =
                                    open(
                                            AlertType.TRUCK_OVERSPEED,
                                            s,
                                            s.trip.tripId,
                                            c.episodeStart,
                                            Severity.MEDIUM,
                                            p.lat(),
                                            p.lon());
                            describeTrip(
                                    e,
                                    s.trip,
                                    s.trip.permitId == null
                                            ? null
                                            : ref.permits().get(s.trip.permitId));
                            e.attribute("limitKmh", fmt(limit))
                                    .attribute("maxSpeedKmh", fmt(s.maxSpeedKmh));
                            out.add(
                                    e.emit(
                                            p.eventTime(),
                                            now,
                                            TruckMessages.overspeedZh(
                                                    label(s, p.entityId()), p.speedKmh(), limit),
                                            TruckMessages.overspeedEn(
                                                    label(s, p.entityId()), p.speedKmh(), limit)));
                            return e;
                        },
                        s,
                        "恢复限速内行驶",
                        "back under the speed limit");
        if (s.overspeedAlert != null) {
            s.overspeedAlert.attribute("maxSpeedKmh", fmt(s.maxSpeedKmh));
        }
    }

    // ---- helpers

    private Episode open(
            AlertType type,
            TruckState s,
            String tripId,
            long start,
            Severity severity,
            double lat,
            double lon) {
        Grid g = ref.gridAt(lat, lon);
        Episode e =
                Episode.open(type, "TRUCK", s.truckId, start, severity)
                        .at(
                                lat,
                                lon,
                                g == null ? null : g.gridCode(),
                                g == null ? null : g.districtName());
        e.attribute("plate", s.plate).attribute("tripId", tripId);
        Truck truck = ref.trucks().get(e.entityId);
        if (truck != null) {
            e.attribute("company", truck.company());
            e.attribute("plate", s.plate == null ? truck.plate() : s.plate);
        }
        for (Evidence ev : s.track) {
            if (ev.eventTime() >= start - 60_000) {
                e.evidence(ev);
            }
        }
        return e;
    }

    private void describeTrip(Episode e, TripTracker trip, Permit permit) {
        if (permit != null) {
            e.attribute("permitId", permit.permitId())
                    .attribute("sourceSiteId", permit.sourceSiteId())
                    .attribute("disposalSiteId", permit.disposalSiteId());
        }
        if (trip.onTrip()) {
            e.attribute("tripId", trip.tripId)
                    .attribute("tripStart", org.gridwatch.common.json.Json.iso(trip.tripStart));
        }
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

    private boolean moving(GpsPing p) {
        return p.speedKmh() > rules.movingKmh();
    }

    private RouteCorridor corridor(Permit p) {
        return corridors.computeIfAbsent(
                p.permitId(), id -> new RouteCorridor(p.route(), ref.projection()));
    }
}
