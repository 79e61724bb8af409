package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.jobs.cases.logic.KpiCounts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * District KPIs per local day ({@code gridwatch-kpis}, id = district|date), see {@link KpiCounts}
 * for the definitions. A fact counts on the local day of its event time, in the district of its
 * case.
 *
 * <p>State and its clearing: the counters and the set of cases counted that day; cleared by an
 * event-time timer one hour after the local day ends (facts arrive in event-time order).
 */
public final class KpiFunction extends KeyedProcessFunction<String, CaseFact, EsWriteRequest> {
    public static final String INDEX = "gridwatch-kpis";

    private final String zone;
    private transient ValueState<KpiCounts> counts;
    private transient MapState<String, Boolean> cases;

    public KpiFunction(ZoneId zone) {
        this.zone = zone.getId();
    }

    public static String key(CaseFact f, ZoneId zone) {
        return (f.district() == null ? "unknown" : f.district())
                + "|"
                + Instant.ofEpochMilli(f.time()).atZone(zone).toLocalDate();
    }

    @Override
    public void open(OpenContext ctx) {
        counts =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "kpi", TypeInformation.of(KpiCounts.class)));
        cases =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("cases", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement(CaseFact f, Context ctx, Collector<EsWriteRequest> out)
            throws Exception {
        ZoneId z = ZoneId.of(zone);
        LocalDate day = Instant.ofEpochMilli(f.time()).atZone(z).toLocalDate();
        KpiCounts k = counts.value();
        if (k == null) {
            k = new KpiCounts();
            ctx.timerService()
                    .registerEventTimeTimer(
                            day.plusDays(1).atStartOfDay(z).toInstant().toEpochMilli()
                                    + 3_600_000L);
        }
        switch (f.kind()) {
            case COMPLAINT, REOPENED -> {
                boolean first = !cases.contains(f.caseId());
                cases.put(f.caseId(), Boolean.TRUE);
                k.complaint(f.repeat(), first);
            }
            case CLOSED -> {
                if (!f.firstClose()) {
                    return;
                }
                k.closure(f.onTime());
            }
            case LEVEL -> k.level(f.level());
        }
        k.version++;
        counts.update(k);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("district", f.district());
        n.put("date", day.toString());
        n.put("day", Json.iso(day.atStartOfDay(z).toInstant().toEpochMilli()));
        n.put("complaints", k.complaints);
        n.put("distinctCases", k.distinctCases);
        n.put("repeats", k.repeats);
        if (k.repeatRatio() != null) {
            n.put("repeatRatio", k.repeatRatio());
        }
        n.put("closures", k.closures);
        n.put("onTimeClosures", k.onTimeClosures);
        if (k.onTimeRate() != null) {
            n.put("onTimeRate", k.onTimeRate());
        }
        n.put("overdueBlue", k.overdue.get("BLUE"));
        n.put("overdueYellow", k.overdue.get("YELLOW"));
        n.put("overdueOrange", k.overdue.get("ORANGE"));
        n.put("overdueRed", k.overdue.get("RED"));
        out.collect(new EsWriteRequest(INDEX, ctx.getCurrentKey(), Json.text(n), k.version));
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<EsWriteRequest> out) {
        counts.clear();
        cases.clear();
    }
}
