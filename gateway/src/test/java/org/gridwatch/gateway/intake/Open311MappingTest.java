package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.ParseLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class Open311MappingTest {
    private static final long T0 = Instant.parse("2026-11-22T02:15:30Z").toEpochMilli();
    private static final Open311Input REQUEST =
            new Open311Input(
                    "06028",
                    31.1542,
                    121.3561,
                    "七宝镇小区",
                    "楼下烧烤店深夜噪声扰民",
                    "https://img.example.cn/n.jpg",
                    new Open311Input.Contact("a@b.cn", null, null, "13800138000", null, null));

    @Test
    void shouldBecomeAHotlineComplaintTheJobsParse() throws Exception {
        String id = Open311Mapping.newRequestId(T0);
        byte[] record = Json.bytes(Open311Mapping.hotlineRecord(id, REQUEST, T0));
        HotlineEvent e = new HotlineParser(ParseLimits.DEFAULTS, () -> T0).parse(record);
        assertThat(e.caseId()).isEqualTo(id);
        assertThat(e.eventId()).isEqualTo(id + "-R");
        assertThat(e.kind()).isEqualTo(CaseEventKind.RECEIVED);
        assertThat(e.channel()).isEqualTo("open311");
        assertThat(e.category()).isEqualTo("06028");
        assertThat(e.eventTime()).isEqualTo(T0);
        assertThat(e.lat()).isEqualTo(31.1542);
        assertThat(e.lon()).isEqualTo(121.3561);
        assertThat(e.text()).isEqualTo("楼下烧烤店深夜噪声扰民");
        JsonNode n = Json.MAPPER.readTree(record);
        assertThat(n.get("time").asText()).isEqualTo("2026-11-22T02:15:30Z");
        assertThat(n.path("reporter").path("phone").asText()).isEqualTo("13800138000");
    }

    @Test
    void shouldIssueDistinctIdsOfTheDay() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Open311Mapping.newRequestId(T0));
        }
        assertThat(ids).hasSize(10_000).allMatch(s -> s.matches("OS-20261122-[A-Z2-9]{10}"));
    }

    @Test
    void shouldListEveryCategoryAsAService() {
        JsonNode services = Open311Mapping.services();
        assertThat(services).hasSize(org.gridwatch.common.cases.CategoryTable.rows().size());
        JsonNode stall = null;
        for (JsonNode s : services) {
            if (s.get("service_code").asText().equals("09006")) {
                stall = s;
            }
        }
        assertThat(stall).isNotNull();
        assertThat(stall.get("service_name").asText()).isEqualTo("Street stall on the road");
        assertThat(stall.get("service_name_zh").asText()).isEqualTo("占道经营");
        assertThat(stall.get("type").asText()).isEqualTo("realtime");
        assertThat(stall.get("metadata").asBoolean()).isFalse();
    }

    @Test
    void shouldReportAnOpenCaseWithItsDeadlineAndColour() {
        JsonNode doc =
                Json.read(
                        """
                {"caseId":"OS-20261122-AAAAAAAAAA","status":"DISPATCHED","category":"06028","categoryNameEn":"Noise nuisance",
                 "location":{"lat":31.1542,"lon":121.3561},"receivedAt":"2026-11-22T02:15:30Z","deadline":"2026-11-22T06:45:30Z",
                 "updatedAt":"2026-11-22T05:00:00Z","overdueLevel":"YELLOW","levelTimes":{"BLUE":"2026-11-22T04:15:30Z","YELLOW":"2026-11-22T05:00:00Z"},
                 "timeLimitMinutes":240,"complaints":1,"history":[{"ticketId":"OS-20261122-AAAAAAAAAA","channel":"open311","time":"2026-11-22T02:15:30Z"}]}""");
        JsonNode s = Open311Mapping.statusFromCase("OS-20261122-AAAAAAAAAA", doc);
        assertThat(s.get("status").asText()).isEqualTo("open");
        assertThat(s.get("expected_datetime").asText()).isEqualTo("2026-11-22T06:45:30Z");
        assertThat(s.get("requested_datetime").asText()).isEqualTo("2026-11-22T02:15:30Z");
        assertThat(s.get("long").asDouble()).isEqualTo(121.3561);
        assertThat(s.path("gridwatch").get("overdue_level").asText()).isEqualTo("YELLOW");
        assertThat(s.get("status_notes").asText()).contains("DISPATCHED").contains("YELLOW");
    }

    @Test
    void shouldReportARepeatThroughTheCaseItJoined() {
        JsonNode doc =
                Json.read(
                        """
                {"caseId":"12345-1","status":"CLOSED","receivedAt":"2026-11-22T01:00:00Z","levelTimes":{},
                 "history":[{"ticketId":"12345-1","time":"2026-11-22T01:00:00Z"},{"ticketId":"OS-X","time":"2026-11-22T02:00:00Z"}]}""");
        JsonNode s = Open311Mapping.statusFromCase("OS-X", doc);
        assertThat(s.get("status").asText()).isEqualTo("closed");
        assertThat(s.get("requested_datetime").asText()).isEqualTo("2026-11-22T02:00:00Z");
        assertThat(s.path("gridwatch").get("case_id").asText()).isEqualTo("12345-1");
        assertThat(s.get("status_notes").asText()).contains("repeat");
    }
}
