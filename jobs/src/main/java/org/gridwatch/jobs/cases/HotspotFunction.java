package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.jobs.cases.logic.CaseCategories;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hotspot counts per grid x category x hour bucket for heatmaps ({@code gridwatch-hotspots}): each
 * document carries the local hour of day, weekday, district and street, so a heatmap of hour x
 * weekday per category and district is one aggregation. One document per key (id = the key),
 * rewritten with a higher version at each complaint.
 *
 * <p>State and its clearing: the count and repeat count of one bucket; cleared by an event-time
 * timer one hour after the bucket ends (complaint facts arrive in event-time order from the case
 * function).
 */
public final class HotspotFunction extends KeyedProcessFunction<String, CaseFact, EsWriteRequest> {
    public static final String INDEX = "gridwatch-hotspots";
    private static final long HOUR = 3_600_000L;

    private final String zone;
    private transient ValueState<Long> count;
    private transient ValueState<Long> repeats;

    public HotspotFunction(ZoneId zone) {
        this.zone = zone.getId();
    }

    public static String key(CaseFact f, ZoneId zone) {
        return (f.gridCode() == null ? "nogrid" : f.gridCode())
                + "|"
                + f.category()
                + "|"
                + Json.iso(bucketStart(f.time(), zone));
    }

    /**
     * Start of the local clock hour holding {@code t}: the UTC hour in zones a whole number of
     * hours from UTC, the local hour in the others (India's +05:30, say).
     */
    static long bucketStart(long t, ZoneId zone) {
        return Instant.ofEpochMilli(t)
                .atZone(zone)
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .toInstant()
                .toEpochMilli();
    }

    @Override
    public void open(OpenContext ctx) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        repeats = getRuntimeContext().getState(new ValueStateDescriptor<>("repeats", Types.LONG));
    }

    @Override
    public void processElement(CaseFact f, Context ctx, Collector<EsWriteRequest> out)
            throws Exception {
        long bucket = bucketStart(f.time(), ZoneId.of(zone));
        Long c = count.value();
        if (c == null) {
            c = 0L;
            ctx.timerService().registerEventTimeTimer(bucket + 2 * HOUR);
        }
        c++;
        count.update(c);
        long r = (repeats.value() == null ? 0 : repeats.value()) + (f.repeat() ? 1 : 0);
        repeats.update(r);
        ZonedDateTime local = Instant.ofEpochMilli(bucket).atZone(ZoneId.of(zone));
        CaseCategories.Category cat = CaseCategories.of(f.category());
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("gridCode", f.gridCode());
        n.put("category", f.category());
        n.put("categoryNameZh", cat.nameZh());
        n.put("categoryNameEn", cat.nameEn());
        n.put("categoryClassZh", cat.classZh());
        n.put("district", f.district());
        n.put("street", f.street());
        n.put("bucketStart", Json.iso(bucket));
        n.put("bucketEnd", Json.iso(bucket + HOUR));
        n.put("hourOfDay", local.getHour());
        n.put("weekday", local.getDayOfWeek().getValue());
        n.put("weekdayName", local.getDayOfWeek().name());
        n.put("localDate", local.toLocalDate().toString());
        n.put("count", c);
        n.put("repeats", r);
        Json.putLocation(n, "location", f.lat(), f.lon());
        out.collect(new EsWriteRequest(INDEX, ctx.getCurrentKey(), Json.text(n), c));
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<EsWriteRequest> out) {
        count.clear();
        repeats.clear();
    }
}
