package org.gridwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.gateway.codec.Location;
import org.gridwatch.gateway.codec.LocationDecoder;
import org.gridwatch.gateway.publish.GpsRecords;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.gateway.codec.TestFrames.*;

/** The gateway's small pure parts: phone mapping, the gps record, auth codes, the rate limiter. */
class GatewayUnitsTest {

    @Test
    void theDirectoryFollowsTruckUpdatesAndDeletes() {
        TerminalDirectory d =
                TerminalDirectory.of(List.of(new Truck("T1", "沪A1", "c", "013900000001")));
        d.apply(
                new ReferenceUpdate(
                        "TRUCK",
                        "T2",
                        "UPSERT",
                        0,
                        "{\"truckId\":\"T2\",\"plate\":\"沪A2\",\"terminalPhone\":\"013900000002\"}"));
        assertThat(d.lookup("013900000002").entityId()).isEqualTo("T2");
        // T1's terminal is replaced: the old number no longer maps to it
        d.apply(
                new ReferenceUpdate(
                        "TRUCK",
                        "T1",
                        "UPSERT",
                        1,
                        "{\"truckId\":\"T1\",\"plate\":\"沪A1\",\"terminalPhone\":\"013900000009\"}"));
        assertThat(d.lookup("013900000001").known()).isFalse();
        assertThat(d.lookup("013900000009").entityId()).isEqualTo("T1");
        d.apply(new ReferenceUpdate("TRUCK", "T2", "DELETE", 2, null));
        assertThat(d.lookup("013900000002").known()).isFalse();
        d.apply(new ReferenceUpdate("GRID", "g", "DELETE", 3, null));
        assertThat(d.size()).isEqualTo(1);
    }

    @Test
    void shouldMapPhonesToTrucks() {
        TerminalDirectory d =
                TerminalDirectory.of(
                        List.of(
                                new Truck("T1", "沪A1", "c", "13800000001"),
                                new Truck("013900000002", "沪A2", "c"),
                                new Truck("NOT-A-PHONE", "沪A3", "c")));
        assertThat(d.lookup("013800000001").entityId()).isEqualTo("T1");
        assertThat(d.lookup("00000000013800000001").entityId()).isEqualTo("T1");
        assertThat(d.lookup("013900000002"))
                .isEqualTo(new TerminalDirectory.Terminal("013900000002", "沪A2", true));
        assertThat(d.lookup("00000000013700000003"))
                .isEqualTo(new TerminalDirectory.Terminal("jt808-013700000003", null, false));
        assertThat(d.size()).isEqualTo(2);
    }

    @Test
    void shouldCarryTheTerminalPhoneThroughTheCityFiles() {
        Truck t = new Truck("T1", "沪A1", "c", "013800000001");
        assertThat(CityCodec.truck(CityCodec.truck(t))).isEqualTo(t);
        assertThat(CityCodec.truck(CityCodec.truck(new Truck("T2", null, null))))
                .isEqualTo(new Truck("T2", null, null));
    }

    @Test
    void shouldWriteARecordTheGpsParserAccepts() throws Exception {
        Location l =
                new LocationDecoder(CHINA, 0xe5)
                        .decode(
                                location(
                                        0x0102,
                                        0x0303,
                                        31_230_416,
                                        121_473_701,
                                        12,
                                        365,
                                        90,
                                        T0,
                                        item(0x01, "00000a8c"),
                                        item(0x31, "0c"),
                                        item(0xe5, "01"),
                                        item(0xf0, "beef")));
        TerminalDirectory.Terminal t = new TerminalDirectory.Terminal("T0042", "沪D52817", true);
        byte[] json = GpsRecords.bytes(l, t, PHONE, 29, false);
        GpsPing p = new GpsParser(ParseLimits.DEFAULTS, () -> T0.toEpochMilli()).parse(json);
        assertThat(p)
                .isEqualTo(
                        new GpsPing(
                                "T0042",
                                EntityType.TRUCK,
                                T0.toEpochMilli(),
                                31.230416,
                                121.473701,
                                36.5,
                                90,
                                null,
                                0x0303L | (1L << 29),
                                0x0102L,
                                "沪D52817",
                                "jt808"));
        JsonNode j =
                org.gridwatch.common.json.Json.read(new String(json, StandardCharsets.UTF_8))
                        .path("jt808");
        assertThat(j.path("boxLifted").asBoolean()).isTrue();
        assertThat(j.path("alarms").toString()).isEqualTo("[\"overspeed\",\"power_cut\"]");
        assertThat(j.path("mileageKm").asDouble()).isEqualTo(270.0);
        assertThat(j.path("satellites").asInt()).isEqualTo(12);
        assertThat(j.path("items").path("f0").asText()).isEqualTo("beef");
        assertThat(j.path("altitudeM").asInt()).isEqualTo(12);
    }

    @Test
    void shouldClearTheLiftBitWhenTheVendorItemSaysDown() {
        Location l =
                new LocationDecoder(CHINA, 0xe5)
                        .decode(
                                location(
                                        0,
                                        0x0003 | (1L << 29),
                                        31_230_416,
                                        121_473_701,
                                        0,
                                        0,
                                        0,
                                        T0,
                                        item(0xe5, "00")));
        JsonNode n =
                GpsRecords.json(
                        l, new TerminalDirectory.Terminal("x", null, false), PHONE, 29, false);
        assertThat(n.path("status").asLong()).isEqualTo(3);
    }

    @Test
    void shouldDeriveStableAuthCodes() {
        AuthCodes a = new AuthCodes("s");
        assertThat(a.codeFor("013912345678"))
                .hasSize(16)
                .isEqualTo(a.codeFor("00000000013912345678"));
        assertThat(a.codeFor("013912345678"))
                .isNotEqualTo(new AuthCodes("other").codeFor("013912345678"));
        assertThat(a.matches("013912345678", a.codeFor("013912345678"))).isTrue();
        assertThat(a.matches("013912345678", "0000000000000000")).isFalse();
    }

    @Test
    void shouldRenderMetricsForPrometheus() {
        GatewayMetrics m = new GatewayMetrics();
        m.connectionOpened();
        m.rejected("jt808_garbage");
        m.rejected("jt808_garbage");
        m.published(2_000_000);
        String text = m.prometheusText();
        assertThat(text)
                .contains(
                        "gridwatch_jt808_connections 1.0\n",
                        "gridwatch_jt808_connections_accepted_total 1.0\n",
                        "gridwatch_jt808_rejected_total{reason=\"jt808_garbage\"} 2.0\n",
                        "gridwatch_jt808_published_total 1.0\n",
                        "gridwatch_jt808_publish_failed_total 0.0\n",
                        "gridwatch_jt808_publish_latency_seconds_count 1\n",
                        "gridwatch_jt808_publish_latency_seconds_sum 0.002\n",
                        "gridwatch_jt808_publish_latency_seconds{quantile=\"0.99\"}");
        assertThat(m.rejectedByReason()).containsExactly(java.util.Map.entry("jt808_garbage", 2L));
        assertThat(m.latencyTotal().getTotalCount()).isEqualTo(1);
    }

    @Test
    void shouldLimitToTheRateAfterTheBurst() {
        RateLimiter r = new RateLimiter(10, 3, 0);
        assertThat(r.tryAcquire(0)).isTrue();
        assertThat(r.tryAcquire(0)).isTrue();
        assertThat(r.tryAcquire(0)).isTrue();
        assertThat(r.tryAcquire(0)).isFalse();
        assertThat(r.nanosUntilToken(0)).isEqualTo(100_000_000L);
        assertThat(r.tryAcquire(100_000_000L)).isTrue();
        assertThat(r.tryAcquire(100_000_000L)).isFalse();
        assertThat(r.tryAcquire(10_000_000_000L)).isTrue(); // refills up to the burst only
    }
}
