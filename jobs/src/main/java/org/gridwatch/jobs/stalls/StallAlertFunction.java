package org.gridwatch.jobs.stalls;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.flink.EventTimeBuffer;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.stalls.logic.ChronicSpot;

import java.time.Instant;

/**
 * Last stage of STALL_REAPPEARED, keyed by spot id: each REAPPEARED match of the CEP pattern opens
 * one alert (one per reappearance); the next CLEARED or GONE of the spot closes it. From the {@code
 * stall.chronicCount}-th (3) reappearance within {@code stall.chronicWindow} (7 days) the alert
 * opens at level CHRONIC (levelTimes), severity HIGH, with the recommendation 蹲点固守. Inputs (CEP
 * matches and the timeline) are buffered and applied in event-time order.
 *
 * <p>State per spot: {@value #BUFFER} (emptied by the timer at each event's time), {@value
 * #EPISODE} (the open alert, cleared on close), {@value #CHRONIC} (reappearances of the last 7
 * days). Clearing: a timer at the newest reappearance + 7 days clears the chronic count (and an
 * alert still open is closed then, at that instant).
 */
public final class StallAlertFunction
        extends KeyedBroadcastProcessFunction<String, SpotEvent, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    static final String BUFFER = "stall-alert-buffer";
    static final String EPISODE = "stall-episode";
    static final String CHRONIC = "stall-chronic";
    public static final String CHRONIC_LEVEL = "CHRONIC";

    private final ReferenceHolder holder;
    private transient EventTimeBuffer<SpotEvent> buffer;
    private transient ValueState<Episode> episode;
    private transient ValueState<ChronicSpot> chronic;

    public StallAlertFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(EventTimeBuffer.descriptor(BUFFER, SpotEvent.class)));
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(EPISODE, Episode.class));
        chronic =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(CHRONIC, ChronicSpot.class));
    }

    @Override
    public void processElement(SpotEvent e, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        buffer.add(e, e.time(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        long now = ctx.timerService().currentProcessingTime();
        Episode open = episode.value();
        ChronicSpot c = chronic.value();
        for (SpotEvent e : buffer.drain(timestamp)) {
            if (SpotEvent.REAPPEARED.equals(e.kind())) {
                if (c == null) {
                    c =
                            new ChronicSpot(
                                    StallRules.chronicWindowMs(ref), StallRules.chronicCount(ref));
                }
                int count = c.record(e.time());
                if (open != null) {
                    // Cannot normally happen (a clearance separates reappearances); keep one alert
                    // open.
                    out.collect(
                            open.close(
                                    e.time(),
                                    now,
                                    "摊点再次回潮，前一告警关闭",
                                    "Stall back again; previous alert closed"));
                }
                open = openEpisode(ref, e, count, c.isChronic(count));
                out.collect(
                        open.emit(
                                e.time(),
                                now,
                                messageZh(e, count, c.isChronic(count)),
                                messageEn(e, count, c.isChronic(count))));
                ctx.timerService().registerEventTimeTimer(c.forgetAt());
            } else if (open != null
                    && (SpotEvent.CLEARED.equals(e.kind()) || SpotEvent.GONE.equals(e.kind()))) {
                boolean cleared = SpotEvent.CLEARED.equals(e.kind());
                open.attribute("closedBy", cleared ? "cleared:" + e.ref() : "leftOnItsOwn");
                open.evidence(
                        new Evidence(
                                cleared ? "case" : "detection",
                                e.ref(),
                                e.time(),
                                e.lat(),
                                e.lon(),
                                cleared ? "cleared" : "last detection"));
                out.collect(
                        open.close(
                                e.time(),
                                now,
                                cleared
                                        ? "摊点" + e.spotId() + "已再次清理"
                                        : "摊点" + e.spotId() + "摊贩已自行离开",
                                cleared
                                        ? "Spot " + e.spotId() + " cleared again"
                                        : "The stall at spot " + e.spotId() + " has left"));
                open = null;
            }
        }
        if (c != null && c.forgetAt() >= 0 && timestamp >= c.forgetAt()) {
            if (open != null) {
                out.collect(
                        open.close(
                                timestamp,
                                now,
                                "摊点告警超时关闭",
                                "Stall alert closed after the chronic window"));
                open = null;
            }
            c = null;
        }
        if (open == null) {
            episode.clear();
        } else {
            episode.update(open);
        }
        if (c == null) {
            chronic.clear();
        } else {
            chronic.update(c);
        }
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    static Episode openEpisode(CityReference ref, SpotEvent e, int count, boolean isChronic) {
        Device camera = e.ref() == null ? null : ref.devices().get(e.ref());
        String gridCode = camera != null ? camera.gridCode() : null;
        Grid g =
                gridCode != null
                        ? ref.grids().get(gridCode)
                        : (Double.isNaN(e.lat()) ? null : ref.gridAt(e.lat(), e.lon()));
        Episode ep =
                Episode.open(
                                AlertType.STALL_REAPPEARED,
                                "SPOT",
                                e.spotId(),
                                e.time(),
                                isChronic ? Severity.HIGH : Severity.MEDIUM)
                        .at(
                                e.lat(),
                                e.lon(),
                                g != null ? g.gridCode() : gridCode,
                                g != null ? g.districtName() : null);
        ep.attribute("clearedAt", Instant.ofEpochMilli(e.since()).toString())
                .attribute("minutesSinceClearance", Long.toString((e.time() - e.since()) / 60_000))
                .attribute("reappearancesIn7Days", Integer.toString(count))
                .attribute("camera", e.ref());
        if (isChronic) {
            ep.level(CHRONIC_LEVEL, e.time());
            ep.attribute("recommendation", "蹲点固守 (fixed post)");
        }
        ep.evidence(new Evidence("case", "cleared", e.since(), e.lat(), e.lon(), "spot cleared"));
        ep.evidence(
                new Evidence(
                        "detection", e.ref(), e.time(), e.lat(), e.lon(), "stall detected again"));
        return ep;
    }

    private static String messageZh(SpotEvent e, int count, boolean isChronic) {
        long minutes = (e.time() - e.since()) / 60_000;
        return isChronic
                ? String.format(
                        "摊点%s清理后%d分钟再次出摊，7天内第%d次回潮，属顽固点位，建议蹲点固守", e.spotId(), minutes, count)
                : String.format("摊点%s清理后%d分钟再次出摊（回潮）", e.spotId(), minutes);
    }

    private static String messageEn(SpotEvent e, int count, boolean isChronic) {
        long minutes = (e.time() - e.since()) / 60_000;
        return isChronic
                ? String.format(
                        "Stall back at spot %s %d min after clearance, reappearance %d in 7 days: chronic, post an officer there",
                        e.spotId(), minutes, count)
                : String.format(
                        "Stall back at spot %s %d min after it was cleared", e.spotId(), minutes);
    }
}
