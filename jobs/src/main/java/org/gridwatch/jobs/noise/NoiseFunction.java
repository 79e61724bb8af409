package org.gridwatch.jobs.noise;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.parse.ReasonCodes;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.NoiseLimits;
import org.gridwatch.jobs.noise.logic.NoiseExceedance;
import org.gridwatch.jobs.noise.logic.NoiseHour;
import org.gridwatch.jobs.noise.logic.NoiseWindow;

/**
 * NOISE_EXCEEDANCE per sensor, keyed by device id ({@link NoiseExceedance} holds the rule), and one
 * document per sensor and hour ({@code gridwatch-noise}, side output {@link #NOISE_DOCS}).
 *
 * <p>Timers: an event-time timer at the end of every window that received a reading closes it (so
 * out-of-order readings within the watermark bound are averaged in), and one at newest reading +
 * {@code noise.silence} (1 h, rounded to 10 min).
 *
 * <p>State per sensor: {@value #RULE} (open windows, hysteresis counters), {@value #EPISODE} (the open
 * alert, cleared on close), {@value #HOUR} (the current hour's aggregate). Clearing: the silence timer
 * closes an open alert at the end of the last window, writes the last hour and clears all three.
 *
 * <p>A reading from a device that is not registered (no DEVICE record) and lies outside every noise
 * zone has no limit; it goes to {@link #DEAD_LETTERS} as {@code unknown_device} and keeps no state.
 */
public final class NoiseFunction extends KeyedBroadcastProcessFunction<String, IotEvent, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String INDEX = "gridwatch-noise";
    static final String RULE = "noise-rule";
    static final String EPISODE = "noise-episode";
    static final String HOUR = "noise-hour";
    private static final long ROUND_MS = 600_000L;
    public static final OutputTag<EsWriteRequest> NOISE_DOCS = new OutputTag<>("noise-docs", TypeInformation.of(EsWriteRequest.class));
    /** Readings from devices neither registered nor inside a noise zone ({@code unknown_device}). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("noise-dead-letters", TypeInformation.of(DeadLetter.class));

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
        rule = getRuntimeContext().getState(new ValueStateDescriptor<>(RULE, NoiseExceedance.class));
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(EPISODE, Episode.class));
        hour = getRuntimeContext().getState(new ValueStateDescriptor<>(HOUR, NoiseHour.class));
        unknownClass = getRuntimeContext().getMetricGroup().counter("noiseReadingsUnknownZoneClass");
        dropped = getRuntimeContext().getMetricGroup().counter("noiseReadingsLateOrDuplicate");
        // The same metric the parse step counts dead letters with, so the dead-letter alert covers it.
        unknownDevice = getRuntimeContext().getMetricGroup().addGroup("reason", ReasonCodes.UNKNOWN_DEVICE).counter("deadLetters");
    }

    /** Sensor facts looked up in the reference: zone class, grid, place. */
    private record Sensor(String id, String zoneClass, String gridCode, String district, double lat, double lon) {}

    private static Sensor sensor(CityReference ref, String id, double lat, double lon) {
        Device d = ref.devices().get(id);
        double la = d != null ? d.lat() : lat;
        double lo = d != null ? d.lon() : lon;
        String cls = d != null ? d.noiseClass() : null;
        if (cls == null) {
            Zone z = ref.noiseZoneAt(la, lo);
            cls = z == null ? null : z.noiseClass();
        }
        String grid = d != null && d.gridCode() != null ? d.gridCode() : null;
        var g = grid != null ? ref.grids().get(grid) : ref.gridAt(la, lo);
        return new Sensor(id, cls, g != null ? g.gridCode() : grid, g != null ? g.districtName() : null, la, lo);
    }

    @Override
    public void processElement(IotEvent e, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (e.kind() != IotEventKind.NOISE_READING || e.laeqDb() == null) {
            return;
        }
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        NoiseLimits limits = NoiseRules.limits(ref);
        if (!ref.devices().containsKey(e.deviceId()) && ref.noiseZoneAt(e.lat(), e.lon()) == null) {
            // Nothing says which limit applies: an operator must register the device or draw its zone.
            unknownDevice.inc();
            ctx.output(DEAD_LETTERS, unknownDevice(e, ctx.currentProcessingTime()));
            return;
        }
        Sensor s = sensor(ref, e.deviceId(), e.lat(), e.lon());
        if (!limits.knows(s.zoneClass())) {
            unknownClass.inc();
            return;
        }
        NoiseExceedance r = rule.value();
        if (r == null) {
            r = new NoiseExceedance(NoiseRules.windowMs(ref), NoiseRules.openWindows(ref), NoiseRules.closeWindows(ref));
        }
        long previousNewest = r.lastReading;
        double seconds = e.intervalSeconds() == null ? r.windowMs / 1000.0 : e.intervalSeconds();
        long due = r.add(e.eventTime(), e.laeqDb(), seconds, e.lmaxDb() == null ? Double.NaN : e.lmaxDb());
        if (due < 0) {
            dropped.inc();
            return;
        }
        ctx.timerService().registerEventTimeTimer(due);
        if (r.lastReading > previousNewest) {
            ctx.timerService().registerEventTimeTimer(((r.lastReading + NoiseRules.silenceMs(ref)) / ROUND_MS + 1) * ROUND_MS);
        }
        rule.update(r);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        NoiseExceedance r = rule.value();
        if (r == null) {
            return;
        }
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        NoiseLimits limits = NoiseRules.limits(ref);
        Sensor s = sensor(ref, ctx.getCurrentKey(), Double.NaN, Double.NaN);
        long now = ctx.timerService().currentProcessingTime();
        Episode[] current = {episode.value()};
        NoiseHour[] h = {hour.value() == null ? new NoiseHour() : hour.value()};
        List<Alert> alerts = new ArrayList<>();
        if (limits.knows(s.zoneClass())) {
            r.closeUpTo(timestamp, s.zoneClass(), limits, new NoiseExceedance.Listener() {
                @Override
                public void opened(long start, List<NoiseExceedance.Scored> run, boolean burst) {
                    // Every window of the run that opened the episode counts, not only the last one:
                    // severity and peaks are the run's maxima and each window is evidence.
                    NoiseExceedance.Scored trigger = run.get(run.size() - 1);
                    NoiseExceedance.Scored loudest = trigger;
                    Severity sev = Severity.MEDIUM;
                    for (NoiseExceedance.Scored x : run) {
                        Severity sx = severity(x.level(), x.limit(), x.burst());
                        if (sx.compareTo(sev) > 0) {
                            sev = sx;
                        }
                        if (x.level() - x.limit() > loudest.level() - loudest.limit()) {
                            loudest = x;
                        }
                    }
                    NoiseWindow w = trigger.window();
                    Episode e = Episode.open(AlertType.NOISE_EXCEEDANCE, "SENSOR", s.id(), start, sev)
                            .at(s.lat(), s.lon(), s.gridCode(), s.district());
                    e.attribute("zoneClass", s.zoneClass()).attribute("limitDb", fmt(trigger.limit())).attribute("trigger", burst ? "NIGHT_LMAX" : "LAEQ_SUSTAINED");
                    e.attribute("night", Boolean.toString(limits.isNight(w.start)));
                    for (NoiseExceedance.Scored x : run) {
                        peak(e, x.level(), x.window().acc.lmax);
                        e.evidence(evidence(s, x.window(), x.level()));
                    }
                    current[0] = e;
                    double level = burst ? trigger.level() : loudest.level();
                    double limit = burst ? trigger.limit() : loudest.limit();
                    alerts.add(e.emit(w.start + r.windowMs, now, messageZh(s, level, limit, burst), messageEn(s, level, limit, burst)));
                }

                @Override
                public void continued(NoiseWindow w, double level, double limit, boolean burst) {
                    Episode e = current[0];
                    if (e == null) {
                        return;
                    }
                    e.evidence(evidence(s, w, level));
                    peak(e, level, w.acc.lmax);
                    Severity sev = severity(level, limit, burst);
                    if (sev.compareTo(e.severity) > 0) {
                        e.severity = sev;
                        alerts.add(e.emit(w.start + r.windowMs, now, messageZh(s, level, limit, burst), messageEn(s, level, limit, burst)));
                    }
                }

                @Override
                public void closed(long end, NoiseWindow w, double level, double limit) {
                    Episode e = current[0];
                    if (e == null) {
                        return;
                    }
                    alerts.add(e.close(end, now, String.format("噪声传感器%s已恢复达标（LAeq %.1f dB(A)，限值%.0f）", s.id(), level, limit),
                            String.format("Sensor %s back within the limit (LAeq %.1f dB(A), limit %.0f)", s.id(), level, limit)));
                    current[0] = null;
                }

                @Override
                public void window(NoiseWindow w, double level, double limit) {
                    NoiseHour done = h[0].add(w, level, limit, r.windowMs);
                    if (done != null) {
                        ctx.output(NOISE_DOCS, hourDocument(s, done));
                    }
                }
            });
        }
        if (r.windows.isEmpty() && timestamp >= r.lastReading + NoiseRules.silenceMs(ref)) {
            // Silent sensor: end what is open at the end of its last window, write the last hour, forget it.
            if (r.silence() && current[0] != null) {
                long end = Math.max(current[0].episodeStart, r.lastClosedEnd);
                alerts.add(current[0].close(end, now, "噪声传感器" + s.id() + "无数据，告警关闭", "Sensor " + s.id() + " fell silent; alert closed"));
            }
            if (h[0].start >= 0 && h[0].acc.readings > 0) {
                ctx.output(NOISE_DOCS, hourDocument(s, h[0]));
            }
            alerts.forEach(out::collect);
            rule.clear();
            episode.clear();
            hour.clear();
            return;
        }
        alerts.forEach(out::collect);
        rule.update(r);
        if (current[0] == null) {
            episode.clear();
        } else {
            episode.update(current[0]);
        }
        hour.update(h[0]);
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    /**
     * The dead letter of a reading from an unknown device. The original bytes are not at hand here: the
     * reading as parsed is re-encoded in the topic's form (time as ISO UTC), partition and offset -1.
     */
    static DeadLetter unknownDevice(IotEvent e, long now) {
        var n = Json.MAPPER.createObjectNode();
        n.put("deviceId", e.deviceId());
        n.put("kind", e.kind().name());
        n.put("time", Json.iso(e.eventTime()));
        n.put("lat", e.lat());
        n.put("lon", e.lon());
        n.put("laeq", e.laeqDb());
        if (e.lmaxDb() != null) {
            n.put("lmax", e.lmaxDb());
        }
        if (e.intervalSeconds() != null) {
            n.put("interval", e.intervalSeconds());
        }
        return new DeadLetter(ReasonCodes.UNKNOWN_DEVICE,
                String.format("noise reading from device '%s', which is not registered (no DEVICE record) and lies outside every noise zone "
                        + "at (%.6f, %.6f): no limit applies", e.deviceId(), e.lat(), e.lon()),
                Topics.IOT, -1, -1, e.deviceId(), Json.text(n), "utf8", now);
    }

    static Severity severity(double level, double limit, boolean burst) {
        return burst || level > limit + 10 ? Severity.HIGH : Severity.MEDIUM;
    }

    private static void peak(Episode e, double level, double lmax) {
        double p = Double.parseDouble(e.attributes.getOrDefault("peakLaeqDb", "-1000"));
        if (level > p) {
            e.attribute("peakLaeqDb", fmt(level));
        }
        double m = Double.parseDouble(e.attributes.getOrDefault("peakLmaxDb", "-1000"));
        if (lmax > m) {
            e.attribute("peakLmaxDb", fmt(lmax));
        }
    }

    private static Evidence evidence(Sensor s, NoiseWindow w, double level) {
        return new Evidence("reading", s.id(), w.start, s.lat(), s.lon(), String.format("LAeq %.1f dB(A), Lmax %.1f dB(A)", level, w.acc.lmax));
    }

    private static String fmt(double v) {
        return String.format("%.1f", v);
    }

    private static String messageZh(Sensor s, double level, double limit, boolean burst) {
        return burst ? String.format("噪声传感器%s夜间突发噪声超过限值%.0f dB(A)逾15分贝（%s类区）", s.id(), limit, s.zoneClass())
                : String.format("噪声传感器%s 5分钟等效声级%.1f dB(A)持续超过%s类区限值%.0f dB(A)", s.id(), level, s.zoneClass(), limit);
    }

    private static String messageEn(Sensor s, double level, double limit, boolean burst) {
        return burst ? String.format("Night-time noise burst at sensor %s: Lmax more than 15 dB over the class %s limit of %.0f dB(A)", s.id(),
                s.zoneClass(), limit)
                : String.format("Sensor %s: 5-minute LAeq %.1f dB(A) stays over the class %s limit of %.0f dB(A)", s.id(), level, s.zoneClass(), limit);
    }

    static EsWriteRequest hourDocument(Sensor s, NoiseHour h) {
        var n = Json.MAPPER.createObjectNode();
        n.put("sensorId", s.id());
        if (s.gridCode() != null) {
            n.put("gridCode", s.gridCode());
        }
        if (s.district() != null) {
            n.put("district", s.district());
        }
        n.put("zoneClass", s.zoneClass());
        n.put("bucketStart", Json.iso(h.start));
        n.put("laeq", Math.round(h.acc.level() * 10) / 10.0);
        n.put("lmax", Math.round(h.acc.lmax * 10) / 10.0);
        n.put("limit", h.limit);
        n.put("windowsOver", h.windowsOver);
        n.put("windows", h.acc.readings);
        if (!Double.isNaN(s.lat())) {
            Json.putLocation(n, "location", s.lat(), s.lon());
        }
        return new EsWriteRequest(INDEX, s.id() + "@" + Json.iso(h.start), Json.text(n), EsWriteRequest.NO_VERSION);
    }
}
