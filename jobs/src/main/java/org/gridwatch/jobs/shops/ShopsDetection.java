package org.gridwatch.jobs.shops;

import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.shops.logic.ShopEvent;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

import java.util.Set;

/**
 * The shop files (一店一档) and SHOP_REPEAT_VIOLATION: camera detections and inspections (iot) are
 * attributed to shops per device, complaints and closures (hotline) per case; per shop they are
 * applied in event-time order to the shop's file (gridwatch-shops) and the repeat rule. See the
 * package README.
 */
public final class ShopsDetection implements Detection {
    /** What the detection produces: alerts and gridwatch-shops documents. */
    public record Streams(DataStream<Alert> alerts, DataStream<EsWriteRequest> documents) {}

    @Override
    public String name() {
        return "shops";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.IOT, Topics.HOTLINE, Topics.REFERENCE);
    }

    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        Streams s =
                wire(
                        inputs.iot(),
                        inputs.hotline(),
                        inputs.referenceBroadcast(),
                        ReferenceHolder.of(settings));
        results.alerts(s.alerts());
        results.documents(s.documents());
    }

    /** The operators over parsed, watermarked inputs (public for tests with in-memory records). */
    public static Streams wire(
            DataStream<IotEvent> iot,
            DataStream<HotlineEvent> hotline,
            BroadcastStream<ReferenceUpdate> reference,
            ReferenceHolder holder) {
        SingleOutputStreamOperator<ShopEvent> fromIot =
                iot.filter(
                                e ->
                                        e.kind() == IotEventKind.SHOP_VIOLATION
                                                || e.kind() == IotEventKind.SHOP_INSPECTION)
                        .uid("shop-iot-v1")
                        .name("Shop detections and inspections")
                        .keyBy(IotEvent::deviceId)
                        .connect(reference)
                        .process(new ShopAttributionFunction(holder))
                        .uid("shop-attribution-v1")
                        .name("Shop attribution (per device)");
        DataStream<ShopEvent> fromHotline =
                hotline.filter(ShopCaseFunction::relevant)
                        .uid("shop-hotline-v1")
                        .name("Shop complaints and closures")
                        .keyBy(HotlineEvent::caseId)
                        .connect(reference)
                        .process(new ShopCaseFunction(holder))
                        .uid("shop-cases-v1")
                        .name("Shop of each case");
        SingleOutputStreamOperator<Alert> alerts =
                fromIot.union(fromHotline)
                        .keyBy(ShopEvent::shopId)
                        .connect(reference)
                        .process(new ShopFunction(holder))
                        .uid("shop-files-v1")
                        .name("Shop files and SHOP_REPEAT_VIOLATION");
        DataStream<EsWriteRequest> docs =
                alerts.getSideOutput(ShopFunction.SHOP_DOCS)
                        .union(fromIot.getSideOutput(ShopAttributionFunction.AMBIGUOUS_DOCS));
        return new Streams(alerts, docs);
    }
}
