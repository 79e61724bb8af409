package org.gridwatch.common.kafka;

import org.gridwatch.common.kafka.ReferenceBootstrap.Record;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a job starts from when it reads the reference topic instead of city files (the reading
 * itself: CityPublishITCase).
 */
class ReferenceBootstrapTest {
    private static final String CITY =
            """
            {"kind":"CITY","id":"city","time":"2026-05-01T08:00:00","payload":{"name":"乌鲁木齐","centerLat":43.8,"centerLon":87.6,"timeZone":"Asia/Urumqi"}}""";

    private static Record record(long offset, String json) {
        return new Record(0, offset, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void localTimesAreReadInTheCitysZoneAndRefusedRecordsOnlyCounted() {
        String rule =
                """
                {"kind":"RULE","id":"truck.corridorM","time":"2026-05-01T09:00:00","payload":{"value":150}}""";
        String deviceInShanghai =
                """
                {"kind":"DEVICE","id":"d1","time":"2026-05-01T09:00:00","payload":{"deviceId":"d1","kind":"NOISE_METER","lat":31.1,"lon":121.4}}""";
        ReferenceSnapshot s =
                ReferenceBootstrap.decode(
                        List.of(
                                record(0, rule),
                                record(1, CITY),
                                record(2, deviceInShanghai),
                                record(3, "not json")),
                        Map.of(0, 4L),
                        ParseLimits.DEFAULTS);

        assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(s.refused()).isEqualTo(2);
        assertThat(s.updates()).extracting(ReferenceUpdate::kind).containsExactly("CITY", "RULE");
        long nineInUrumqi =
                ZonedDateTime.of(2026, 5, 1, 9, 0, 0, 0, ZoneId.of("Asia/Urumqi"))
                        .toInstant()
                        .toEpochMilli();
        assertThat(s.updates().get(1).eventTime()).isEqualTo(nineInUrumqi);
        assertThat(s.toReference().rules().number("truck.corridorM", 100)).isEqualTo(150);
        assertThat(s.toReference().zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(s.endOffsets()).containsEntry(0, 4L);
    }

    @Test
    void aTopicWithoutACityGivesASnapshotWithoutOne() {
        String rule =
                "{\"kind\":\"RULE\",\"id\":\"truck.corridorM\",\"time\":\""
                        + Instant.parse("2026-05-01T01:00:00Z")
                        + "\",\"payload\":{\"value\":150}}";
        ReferenceSnapshot s =
                ReferenceBootstrap.decode(
                        List.of(record(0, rule)), Map.of(0, 1L), ParseLimits.DEFAULTS);
        assertThat(s.city()).isNull();
        assertThat(s.zone()).isNull();
        assertThat(s.updates()).hasSize(1);
    }
}
