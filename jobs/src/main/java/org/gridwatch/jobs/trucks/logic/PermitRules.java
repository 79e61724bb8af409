package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.SustainedCondition;

import java.util.List;

import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.closeEpisode;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.configure;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.describeTrip;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.label;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.open;
import static org.gridwatch.jobs.trucks.logic.TruckEpisodes.simpleEpisode;

/**
 * The two permit rules of {@link TruckCompliance}: off-hours driving ({@code TRUCK_OFF_HOURS}) and
 * driving with no permit valid today ({@code TRUCK_NO_PERMIT}). Both judge a moving truck against
 * its {@link PermitStanding}, and both also close when the truck has been quiet for {@code
 * truck.quietGap} (that closing is timer work, in {@link TruckCompliance#onSilence}). Kept apart so
 * that the permit logic reads in one place; it holds no state of its own (that is in {@link
 * TruckState}).
 */
final class PermitRules {
    private final CityReference ref;
    private final TruckRules rules;

    PermitRules(CityReference ref, TruckRules rules) {
        this.ref = ref;
        this.rules = rules;
    }

    /** Moving outside the hours of every permit valid today; ends inside the hours. */
    void offHours(
            TruckState s, AcceptedPing ping, PermitStanding standing, List<Alert> out, long now) {
        SustainedCondition c = configure(s.offHours, 0, 2, rules.quietGapMs(), 1);
        GpsPing p = ping.p();
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
                        ping.evidence(),
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Permit pm = standing.permit();
                            Episode e =
                                    open(
                                            ref,
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

    /** A registered truck moving with no permit valid today; ends when a valid permit appears. */
    void noPermit(
            TruckState s,
            AcceptedPing ping,
            PermitStanding standing,
            List<Permit> permits,
            List<Alert> out,
            long now) {
        SustainedCondition c = configure(s.noPermit, 0, 2, rules.quietGapMs(), 1);
        GpsPing p = ping.p();
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
                        ping.evidence(),
                        p.entityId(),
                        out,
                        now,
                        () -> {
                            Episode e =
                                    open(
                                            ref,
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

    private boolean moving(GpsPing p) {
        return p.speedKmh() > rules.movingKmh();
    }
}
