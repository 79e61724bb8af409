package org.gridwatch.jobs.dispatch.logic;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NearestOfficersTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final double LAT = 31.1;
    private static final double LON = 121.4;
    private static final double DEG_PER_M = 1 / (Math.toRadians(1) * 6_371_008.8);

    /** 10:00 in Shanghai: inside a day shift, outside a night shift. */
    private static final long T =
            LocalDateTime.parse("2026-11-21T10:00").atZone(SH).toInstant().toEpochMilli();

    private static Fix north(long time, double metres) {
        return new Fix(time, LAT + metres * DEG_PER_M, LON);
    }

    private static CityReference reference(Officer... officers) {
        CityReference r = new CityReference(SH);
        for (Officer o : officers) {
            r.apply(
                    new ReferenceUpdate(
                            "OFFICER",
                            o.officerId(),
                            "UPSERT",
                            0,
                            Json.text(CityCodec.officer(o))));
        }
        return r;
    }

    private static Officer officer(String id, String name, String start, String end) {
        return new Officer(id, name, "闵行区", List.of(), DailyWindow.parse(start, end));
    }

    private static List<NearbyOfficer> select(Map<String, List<Fix>> trails, CityReference ref) {
        return NearestOfficers.select(LAT, LON, T, trails.entrySet(), ref);
    }

    @Test
    void shouldNameAnOfficerByTheLastFixAtOrBeforeTheAlertNotALaterOne() {
        Map<String, List<Fix>> trails = new LinkedHashMap<>();
        trails.put(
                "OF-1",
                List.of(north(T - 60_000, 900), north(T - 30_000, 300), north(T + 10_000, 5)));
        List<NearbyOfficer> near =
                select(trails, reference(officer("OF-1", "王磊", "08:00", "20:00")));
        assertThat(near).hasSize(1);
        NearbyOfficer o = near.get(0);
        assertThat(o.officerId()).isEqualTo("OF-1");
        assertThat(o.name()).isEqualTo("王磊");
        assertThat(o.distanceM()).isCloseTo(300, within(0.5));
        assertThat(o.fixTime()).isEqualTo(T - 30_000);
        assertThat(o.fixAgeSeconds()).isEqualTo(30);
        assertThat(o.lat()).isEqualTo(LAT + 300 * DEG_PER_M);
    }

    @Test
    void shouldLeaveOutStaleFarAndOnlyLaterFixes() {
        Map<String, List<Fix>> trails = new LinkedHashMap<>();
        trails.put("STALE", List.of(north(T - DispatchRules.FRESHNESS_MS - 1_000, 50)));
        trails.put("JUST-FRESH", List.of(north(T - DispatchRules.FRESHNESS_MS, 60)));
        trails.put("FAR", List.of(north(T - 1_000, DispatchRules.RADIUS_M + 5)));
        trails.put("LATER", List.of(north(T + 1, 10)));
        assertThat(select(trails, null))
                .extracting(NearbyOfficer::officerId)
                .containsExactly("JUST-FRESH");
    }

    @Test
    void shouldLeaveOutAnOfficerOffShiftAndTakeOneNotOnFileAsOnDuty() {
        Map<String, List<Fix>> trails = new LinkedHashMap<>();
        trails.put("NIGHT", List.of(north(T - 1_000, 100)));
        trails.put("DAY", List.of(north(T - 1_000, 200)));
        trails.put("UNKNOWN", List.of(north(T - 1_000, 300)));
        CityReference ref =
                reference(
                        officer("NIGHT", "夜班", "20:00", "08:00"),
                        officer("DAY", "日班", "08:00", "20:00"));
        List<NearbyOfficer> near = select(trails, ref);
        assertThat(near).extracting(NearbyOfficer::officerId).containsExactly("DAY", "UNKNOWN");
        assertThat(near.get(1).name()).isNull();
    }

    @Test
    void shouldKeepTheNearestThreeWithTiesByIdWhateverTheOrderOfState() {
        Map<String, List<Fix>> forward = new LinkedHashMap<>();
        Map<String, List<Fix>> backward = new LinkedHashMap<>();
        String[] ids = {"E", "D", "C", "B", "A"};
        double[] metres = {500, 100, 400, 400, 900};
        for (int i = 0; i < ids.length; i++) {
            forward.put(ids[i], List.of(north(T - 5_000, metres[i])));
        }
        for (int i = ids.length - 1; i >= 0; i--) {
            backward.put(ids[i], List.of(north(T - 5_000, metres[i])));
        }
        assertThat(select(forward, null))
                .extracting(NearbyOfficer::officerId)
                .containsExactly("D", "B", "C")
                .isEqualTo(select(backward, null).stream().map(NearbyOfficer::officerId).toList());
    }

    @Test
    void anAlertWithoutALocationShouldNameNobody() {
        Map<String, List<Fix>> trails = Map.of("OF-1", List.of(north(T - 1_000, 10)));
        assertThat(NearestOfficers.select(Double.NaN, Double.NaN, T, trails.entrySet(), null))
                .isEmpty();
    }
}
