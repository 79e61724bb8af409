package org.gridwatch.jobs.shops;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.shops.logic.ShopEvent;
import org.gridwatch.jobs.shops.logic.ShopFile;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.shops.ShopsJobTest.MIN;
import static org.gridwatch.jobs.shops.ShopsJobTest.T0;
import static org.gridwatch.jobs.shops.ShopsJobTest.camera;
import static org.gridwatch.jobs.shops.ShopsJobTest.shop;

/** The shop functions' state is cleared by their timers, as their class comments say. */
class ShopFunctionsStateTest {
    private static ReferenceHolder holder() {
        return new ReferenceHolder(null, ZoneId.of("Asia/Shanghai"));
    }

    private static void shops(KeyedBroadcastOperatorTestHarness<String, ?, ReferenceUpdate, ?> h)
            throws Exception {
        for (var s : new org.gridwatch.common.city.Shop[] {shop("S1", 0), shop("S2", 10)}) {
            h.processBroadcastElement(
                    new ReferenceUpdate(
                            "SHOP", s.shopId(), "UPSERT", 0, Json.text(CityCodec.shop(s))),
                    0);
        }
        h.processBroadcastWatermark(Long.MAX_VALUE);
    }

    /**
     * Keyed state entries of a broadcast harness (heap backend), which has no counter of its own.
     */
    private static int entries(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> h) {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                        h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @Test
    void shouldHoldACamerasShopAndForgetItAfterGoneAfterWithoutAReport() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ShopAttributionFunction(holder()),
                        IotEvent::deviceId,
                        Types.STRING,
                        ReferenceHolder.STATE)) {
            shops(h);
            h.processElement(new StreamRecord<>(camera("CAM1", T0, 3, 0.9), T0));
            // 11 m east, 3 m out: 3 m from S2, 5.8 m from S1; the camera stays with S1
            // (hysteresis).
            h.processElement(new StreamRecord<>(camera("CAM1", T0 + MIN, 11, 0.9), T0 + MIN));
            assertThat(h.extractOutputValues())
                    .extracting(ShopEvent::shopId)
                    .containsExactly("S1", "S1");
            assertThat(entries(h)).isEqualTo(1);
            h.processWatermark(T0 + MIN + 30 * MIN - 1);
            assertThat(entries(h)).isEqualTo(1);
            h.processWatermark(T0 + MIN + 30 * MIN);
            assertThat(entries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            // Afresh, without hysteresis: the same position now goes to S2.
            h.processElement(
                    new StreamRecord<>(
                            camera("CAM1", T0 + 2 * 60 * MIN, 11, 0.9), T0 + 2 * 60 * MIN));
            assertThat(h.extractOutputValues().get(2).shopId()).isEqualTo("S2");
        }
    }

    @Test
    void shouldKeepAShopsFileAYearAfterItsLastRecordThenClearIt() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ShopFunction(holder()),
                        ShopEvent::shopId,
                        Types.STRING,
                        ReferenceHolder.STATE)) {
            shops(h);
            var e = ShopAttributionFunction.event(camera("CAM1", T0, 3, 0.9), "S1", 3);
            h.processElement(new StreamRecord<>(e, T0));
            h.processWatermark(T0);
            assertThat(h.getSideOutput(ShopFunction.SHOP_DOCS)).hasSize(1);
            // The file (the buffer entry was drained with its timer).
            assertThat(entries(h)).isEqualTo(1);
            h.processWatermark(T0 + ShopFile.RETENTION_MS - 1);
            assertThat(entries(h)).isEqualTo(1);
            h.processWatermark(T0 + ShopFile.RETENTION_MS);
            assertThat(entries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }
}
