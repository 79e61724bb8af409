package org.gridwatch.jobs.noise;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.noise.logic.NoiseDecisions;
import org.gridwatch.jobs.noise.logic.NoiseDocuments;
import org.gridwatch.jobs.noise.logic.NoiseExceedance;
import org.gridwatch.jobs.noise.logic.NoiseHour;

/**
 * NOISE_EXCEEDANCE per sensor, keyed by device id, one document per sensor and closed window and
 * one per sensor and hour ({@link NoiseDocuments}, side output {@link #NOISE_DOCS}). The rule, its
 * defaults and its known false alarms are in {@link NoiseDecisions}; this function keeps the state,
 * sets the timers and emits what the detection returns.
 *
 * <p>Timers: an event-time timer at the end of every window that received a reading closes it (so
 * out-of-order readings within the watermark bound are averaged in), and one at newest reading +
 * {@code noise.silence} (1 h, rounded up to 10 min).
 *
 * <p>State per sensor: {@value #RULE} (open windows, hysteresis counters), {@value #EPISODE} (the
 * open alert, cleared on close), {@value #HOUR} (the current hour's aggregate). Clearing: the
 * silence timer closes an open alert at the end of the last window, writes the last hour and clears
 * all three.
 *
 * <p>A reading from a device that is not registered (no DEVICE record) and lies outside every noise
 * zone has no limit; it goes to {@link #DEAD_LETTERS} as {@code unknown_device} and keeps no state.
 */
public final class NoiseFunction
        extends KeyedBroadcastProcessFunction<String, IotEvent, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    static final String RULE = "noise-rule";
    static final String EPISODE = "noise-episode";
    static final String HOUR = "noise-hour";
    public static final OutputTag<EsWriteRequest> NOISE_DOCS =
            new OutputTag<>("noise-docs", TypeInformation.of(EsWriteRequest.class));

    /**
     * Readings from devices neither registered nor inside a noise zone ({@code unknown_device}).
     */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("noise-dead-letters", TypeInformation.of(DeadLetter.class));

    private final ReferenceHolder holder;
    private transient ValueState<NoiseExceedance> rule;
    private transient ValueState<Episode> episode;
    private transient ValueState<NoiseHour> hour;
    private transient Counter unknownClass;
    private transient Counter dropped;
    private transient Counter unknownDevice;

    public NoiseFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        rule =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(RULE, NoiseExceedance.class));
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(EPISODE, Episode.class));
        hour = getRuntimeContext().getState(new ValueStateDescriptor<>(HOUR, NoiseHour.class));
        unknownClass =
                getRuntimeContext().getMetricGroup().counter("noiseReadingsUnknownZoneClass");
        dropped = getRuntimeContext().getMetricGroup().counter("noiseReadingsLateOrDuplicate");
        // The same metric the parse step counts dead letters with, so the dead-letter alert covers
        // it.
        unknownDevice =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("reason", ReasonCodes.UNKNOWN_DEVICE)
                        .counter("deadLetters");
    }

    @Override
    public void processElement(IotEvent e, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        if (!NoiseDecisions.isReading(e)) {
            return;
        }
        NoiseDecisions.Reading r =
                detection(holder.get(ctx.getBroadcastState(ReferenceHolder.STATE)))
                        .read(rule.value(), e, ctx.currentProcessingTime());
        switch (r.verdict()) {
            case UNKNOWN_DEVICE -> {
                unknownDevice.inc();
                ctx.output(DEAD_LETTERS, r.deadLetter());
            }
            case UNKNOWN_CLASS -> unknownClass.inc();
            case LATE_OR_DUPLICATE -> dropped.inc();
            case ACCEPTED -> {
                ctx.timerService().registerEventTimeTimer(r.closeAt());
                if (r.silenceAt() >= 0) {
                    ctx.timerService().registerEventTimeTimer(r.silenceAt());
                }
                rule.update(r.rule());
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        NoiseExceedance r = rule.value();
        if (r == null) {
            return;
        }
        NoiseDecisions.Closing c =
                detection(holder.get(ctx.getBroadcastState(ReferenceHolder.STATE)))
                        .close(
                                r,
                                episode.value(),
                                hour.value(),
                                ctx.getCurrentKey(),
                                timestamp,
                                ctx.timerService().currentProcessingTime());
        c.documents().forEach(d -> ctx.output(NOISE_DOCS, d));
        c.alerts().forEach(out::collect);
        if (c.forget()) {
            rule.clear();
            episode.clear();
            hour.clear();
            return;
        }
        rule.update(r);
        if (c.episode() == null) {
            episode.clear();
        } else {
            episode.update(c.episode());
        }
        hour.update(c.hour());
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    private static NoiseDecisions detection(CityReference ref) {
        return new NoiseDecisions(ref, NoiseRules.parameters(ref));
    }
}
