package org.gridwatch.jobs.cases;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

import java.time.ZoneId;
import java.util.Set;

/**
 * Hotline cases: one case stream from every channel, repeat merging by spatial cell, time-limit
 * escalation (CASE_OVERDUE BLUE..RED), COMPLAINT_REPEAT, case documents, hotspot aggregates and
 * district KPIs. See the package README for the rules, defaults, state and known limits.
 *
 * <pre>
 * hotline ─(drop CLR- clearances)─► AddressLocateFunction (address without coordinates: address table)
 *   ─► keyBy ticket: TicketRouteFunction (dedup, locate, fan out to 3x3 cells)
 *   ─► keyBy cell: CellMergeFunction (event-time order; complaint joins a case or opens one)
 *   ─► keyBy case: CaseFunction (case file, colour timers, repeat alert) ─► alerts
 *        ├─ side: case documents (gridwatch-cases)
 *        └─ side: case facts ─► keyBy grid|category|hour: HotspotFunction (gridwatch-hotspots)
 *                            └► keyBy district|day: KpiFunction (gridwatch-kpis)
 * </pre>
 */
public final class CaseDetection implements Detection {
    @Override
    public String name() {
        return "cases";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.HOTLINE, Topics.REFERENCE);
    }

    /**
     * Adds the case detections to a workflow's results. Local hours, weekdays and days (hotspots,
     * KPIs, the working calendar) are in the city's time zone ({@link JobSettings#cityZone()}:
     * {@code city.json} of {@code --city}; Asia/Shanghai only for a job run without a city).
     */
    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        ZoneId zone = settings.cityZone();
        DataStream<HotlineEvent> hotline =
                inputs.hotline()
                        .filter(CaseDetection::isCaseEvent)
                        .uid("cases-filter-v1")
                        .name("Case events (stall clearances left out)")
                        .connect(inputs.referenceBroadcast())
                        .process(new AddressLocateFunction(ReferenceHolder.of(settings)))
                        .uid("cases-address-locate-v1")
                        .name("Complaints placed by address (address table)");
        SingleOutputStreamOperator<RoutedEvent> routed =
                hotline.keyBy(HotlineEvent::caseId)
                        .process(new TicketRouteFunction())
                        .uid("cases-ticket-route-v1")
                        .name("Ticket: dedup, locate, fan out to cells");
        results.deadLetters(routed.getSideOutput(TicketRouteFunction.DEAD_LETTERS));
        DataStream<CaseInput> merged =
                routed.keyBy(RoutedEvent::cell)
                        .connect(inputs.referenceBroadcast())
                        .process(new CellMergeFunction(ReferenceHolder.of(settings)))
                        .uid("cases-cell-merge-v1")
                        .name("Repeat merging per cell");
        SingleOutputStreamOperator<Alert> alerts =
                merged.keyBy(CaseInput::caseId)
                        .connect(inputs.referenceBroadcast())
                        .process(
                                new CaseFunction(
                                        ReferenceHolder.of(settings),
                                        settings.hotlineLateness().toMillis()))
                        .uid("cases-case-v1")
                        .name("Case lifecycle and escalation");
        results.alerts(alerts);
        results.documents(alerts.getSideOutput(CaseFunction.DOCUMENTS));
        results.deadLetters(alerts.getSideOutput(CaseFunction.DEAD_LETTERS));
        DataStream<CaseFact> facts = alerts.getSideOutput(CaseFunction.FACTS);
        results.documents(
                facts.filter(f -> f.kind() == CaseFact.Kind.COMPLAINT)
                        .uid("cases-hotspot-filter-v1")
                        .name("Complaints for hotspots")
                        .keyBy(f -> HotspotFunction.key(f, zone))
                        .process(new HotspotFunction(zone))
                        .uid("cases-hotspots-v1")
                        .name("Hotspots per grid x category x hour"));
        results.documents(
                facts.keyBy(f -> KpiFunction.key(f, zone))
                        .process(new KpiFunction(zone))
                        .uid("cases-kpis-v1")
                        .name("District KPIs per day"));
    }

    /**
     * Stall clearances (kind CLEARED, ids starting with CLR-) come from the stall detector's world,
     * not from cases.
     */
    static boolean isCaseEvent(HotlineEvent e) {
        return !(e.kind() == CaseEventKind.CLEARED && e.caseId().startsWith("CLR-"));
    }
}
