package org.gridwatch.jobs.shops;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.ShopViolation;
import org.gridwatch.common.reference.CityInfo;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.gridwatch.common.testing.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shops detection on a mini cluster (parallelism 2): a camera makes three occurrences of a
 * violation at one shop within 30 days (duplicated reports, a low-confidence frame, an inspection
 * confirming one occurrence), another camera sees something equally near two shops, and a complaint
 * naming the shop is closed with a fine.
 */
class ShopsJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final double LAT0 = 31.1;
    static final double LON0 = 121.4;
    static final LocalProjection PROJ = new LocalProjection(LAT0, LON0);
    static final long T0 = Instant.parse("2026-11-02T02:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final long DAY = 86_400_000L;
    private static final GeometryFactory F = new GeometryFactory();

    /** A shop with a 6 m frontage along the street from {@code eastM} east of the origin. */
    static Shop shop(String id, double eastM) {
        return new Shop(
                id,
                "店" + id,
                "91310000MA1FL00001",
                "莘松路1号",
                "餐饮",
                F.createLineString(
                        new Coordinate[] {
                            new Coordinate(PROJ.lon(eastM), PROJ.lat(0)),
                            new Coordinate(PROJ.lon(eastM + 6), PROJ.lat(0))
                        }),
                "G1");
    }

    static IotEvent camera(String cam, long t, double eastM, double conf) {
        return new IotEvent(
                cam,
                IotEventKind.SHOP_VIOLATION,
                t,
                PROJ.lat(3),
                PROJ.lon(eastM),
                null,
                conf,
                null,
                null,
                null,
                null,
                ShopViolation.OUTSIDE_BUSINESS,
                "http://photo/" + cam + "/" + t);
    }

    static void occurrence(List<IotEvent> out, long from) {
        for (long t = from; t <= from + 30 * MIN; t += 3 * MIN) {
            out.add(camera("CAM1", t, 3, 0.9));
            if ((t - from) % (9 * MIN) == 0) {
                out.add(camera("CAM1", t, 3, 0.9)); // delivered twice
            }
        }
    }

    @Test
    void shouldRaiseOneEpisodeAtTheThirdOccurrenceAndKeepTheShopsFile() throws Exception {
        List<IotEvent> iot = new ArrayList<>();
        occurrence(iot, T0);
        iot.add(camera("CAM1", T0 + 2 * DAY, 3, 0.3)); // under the confidence floor
        iot.add(camera("CAM2", T0 + 3 * DAY, 8.5, 0.9)); // as near S1 as S2: ambiguous
        occurrence(iot, T0 + 5 * DAY);
        iot.add(
                new IotEvent(
                        "OFF7",
                        IotEventKind.SHOP_INSPECTION,
                        T0 + 5 * DAY + 20 * MIN,
                        PROJ.lat(2),
                        PROJ.lon(3),
                        null,
                        null,
                        null,
                        null,
                        null,
                        "S1",
                        ShopViolation.OUTSIDE_BUSINESS,
                        "http://photo/OFF7"));
        occurrence(iot, T0 + 10 * DAY);
        iot.sort(Comparator.comparingLong(IotEvent::eventTime));
        List<HotlineEvent> hotline =
                List.of(
                        hotline("K1", CaseEventKind.RECEIVED, T0 + DAY, "S1", null),
                        hotline("K1", CaseEventKind.CLOSED, T0 + DAY + 60 * MIN, null, "FINED"));

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<IotEvent> iotStream =
                env.fromData(iot)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<IotEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.eventTime()));
        DataStream<HotlineEvent> hotlineStream =
                env.fromData(hotline)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<HotlineEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.eventTime()));
        var reference =
                ReferenceHolder.broadcast(
                        env.fromData(
                                new ReferenceUpdate(
                                        "RULE", "shop.repeatCount", "UPSERT", 0, "{\"value\":3}")),
                        "test");
        ShopsDetection.Streams s =
                ShopsDetection.wire(
                        iotStream,
                        hotlineStream,
                        reference,
                        reference(shop("S1", 0), shop("S2", 10), shop("S3", 200)));
        CollectingSink<Alert> alerts = new CollectingSink<>();
        CollectingSink<EsWriteRequest> docs = new CollectingSink<>();
        s.alerts().sinkTo(alerts);
        s.documents().sinkTo(docs);
        env.execute("shops-test");

        List<Alert> repeat =
                alerts.values().stream()
                        .filter(a -> a.type() == AlertType.SHOP_REPEAT_VIOLATION)
                        .toList();
        assertThat(repeat).extracting(Alert::alertId).containsOnly(repeat.get(0).alertId());
        Alert open = repeat.stream().filter(a -> a.status() == AlertStatus.OPEN).findFirst().get();
        assertThat(open.entityId()).isEqualTo("S1");
        assertThat(open.episodeStart()).isEqualTo(T0 + 10 * DAY);
        assertThat(open.attributes()).containsEntry("count", "3").containsEntry("shopName", "店S1");
        assertThat(open.evidence()).hasSize(3);
        assertThat(open.gridCode()).isEqualTo("G1");
        // The end of the input moves event time past T0 + 30 d, when the first record leaves.
        Alert closed =
                repeat.stream().filter(a -> a.status() == AlertStatus.CLOSED).findFirst().get();
        assertThat(closed.episodeEnd()).isEqualTo(T0 + 30 * DAY);

        List<EsWriteRequest> s1 = docs.values().stream().filter(d -> d.id().equals("S1")).toList();
        assertThat(s1).allMatch(d -> d.index().equals("gridwatch-shops"));
        assertThat(s1).extracting(EsWriteRequest::version).doesNotHaveDuplicates();
        JsonNode atOpen = doc(s1, T0 + 10 * DAY);
        assertThat(atOpen.at("/counts/d30/OUTSIDE_BUSINESS").asInt()).isEqualTo(3);
        assertThat(atOpen.at("/counts/d7/total").asInt()).isEqualTo(2);
        assertThat(atOpen.get("grade").asText()).isEqualTo("C");
        assertThat(atOpen.get("repeatOpen").asBoolean()).isTrue();
        assertThat(atOpen.get("lastRecords")).hasSize(3);
        assertThat(atOpen.at("/lastRecords/1/confirmedBy").asText()).isEqualTo("OFF7");
        assertThat(atOpen.at("/lastRecords/0/reports").asInt()).isEqualTo(1);
        assertThat(atOpen.at("/lastInspection/officer").asText()).isEqualTo("OFF7");
        assertThat(atOpen.at("/closedCases/0/outcome").asText()).isEqualTo("FINED");
        JsonNode last =
                Json.read(
                        s1.stream()
                                .max(Comparator.comparingLong(EsWriteRequest::version))
                                .get()
                                .json());
        assertThat(last.get("totalRecords").asInt()).isEqualTo(3);
        assertThat(last.at("/counts/d365/OUTSIDE_BUSINESS").asInt()).isEqualTo(3);
        assertThat(last.get("repeatOpen").asBoolean()).isFalse();
        assertThat(docs.values()).noneMatch(d -> d.id().equals("S2") || d.id().equals("S3"));
        List<EsWriteRequest> ambiguous =
                docs.values().stream().filter(d -> d.id().startsWith("ambiguous:")).toList();
        assertThat(ambiguous).hasSize(1);
        assertThat(Json.read(ambiguous.get(0).json()).get("candidates"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("S1", "S2");
    }

    /**
     * The reference as a job without city files starts from it: a CITY record's zone and centre and
     * the shops as SHOP updates (the base every parallel instance has before the first event).
     */
    static ReferenceHolder reference(Shop... shops) {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        List<ReferenceUpdate> updates = new ArrayList<>();
        for (Shop s : shops) {
            updates.add(
                    new ReferenceUpdate(
                            "SHOP", s.shopId(), "UPSERT", 0, Json.text(CityCodec.shop(s))));
        }
        return new ReferenceHolder(
                null,
                zone,
                new ReferenceSnapshot(
                        new CityInfo("Test", zone, LAT0, LON0, CityBounds.around(LAT0, LON0, 50)),
                        updates,
                        Map.of(),
                        0));
    }

    /** The document written when the watermark passed {@code t}. */
    private static JsonNode doc(List<EsWriteRequest> docs, long t) {
        return Json.read(
                docs.stream()
                        .filter(d -> Json.read(d.json()).get("asOf").asText().equals(Json.iso(t)))
                        .findFirst()
                        .orElseThrow()
                        .json());
    }

    static HotlineEvent hotline(
            String caseId, CaseEventKind kind, long t, String shopId, String outcome) {
        return new HotlineEvent(
                caseId + "-" + kind,
                caseId,
                kind,
                "12345",
                t,
                "09005",
                Double.NaN,
                Double.NaN,
                null,
                null,
                null,
                null,
                null,
                null,
                shopId,
                outcome);
    }
}
