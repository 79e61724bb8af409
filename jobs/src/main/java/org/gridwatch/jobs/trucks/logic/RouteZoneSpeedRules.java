package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.SustainedCondition;
import org.gridwatch.common.rules.SustainedCondition.Change;

import java.util.List;
import java.util.Map;

import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.configure;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.describeTrip;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.fmt;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.label;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.open;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.simpleEpisode;

/**
 * The rules of {@link TruckCompliance} that judge where and how fast a truck drives: off its
 * permit's route corridor ({@code TRUCK_ROUTE_DEVIATION}), inside a prohibited zone while it is
 * closed ({@code TRUCK_PROHIBITED_ZONE}), over the speed limit ({@code TRUCK_OVERSPEED}). Each is a
 * hysteresis over consecutive accepted fixes and closes on pings alone, with no timer. It holds no
 * state of its own (that is in {@link TruckState}) but the corridor cache it is given.
 */
final class RouteZoneSpeedRules {
    private final CityReference ref;
    private final TruckRules rules;
    private final Map<String, RouteCorridor> corridors;

    /**
     * @param corridors cache of permit id to route corridor, valid for this reference version
     */
    RouteZoneSpeedRules(CityReference ref, TruckRules rules, Map<String, RouteCorridor> corridors) {
        this.ref = ref;
        this.rules = rules;
        this.corridors = corridors;
    }

    /** Off the trip permit's route corridor; ends back inside it or when the trip ends. */
    void routeDeviation(
            TruckState s, AcceptedPing ping, Permit tripPermit, List<Alert> out, long now) {
        SustainedCondition c = configure(s.offRoute, rules.deviationAfterMs(), 2, 0, 2);
        GpsPing p = ping.p();
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
                                ref,
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
                e.evidence(ping.evidence());
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
                    e.evidence(ping.evidence());
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

    /** Inside a prohibited zone while it is closed; ends outside it or when it opens. */
    void prohibitedZone(TruckState s, AcceptedPing ping, List<Alert> out, long now) {
        SustainedCondition c = configure(s.inZone, 0, rules.zonePings(), 0, 2);
        GpsPing p = ping.p();
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
                        ping.evidence(),
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Episode e =
                                    open(
                                            ref,
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

    /** Over the permit's speed limit, else {@code truck.speedLimitKmh}; tracks the peak. */
    void overspeed(TruckState s, AcceptedPing ping, Permit permit, List<Alert> out, long now) {
        SustainedCondition c = configure(s.overSpeed, rules.overspeedAfterMs(), 2, 0, 2);
        GpsPing p = ping.p();
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
                        ping.evidence(),
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Episode e =
                                    open(
                                            ref,
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

    private RouteCorridor corridor(Permit p) {
        return corridors.computeIfAbsent(
                p.permitId(), id -> new RouteCorridor(p.route(), ref.projection()));
    }
}
