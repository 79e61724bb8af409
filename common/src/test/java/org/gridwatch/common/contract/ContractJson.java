package org.gridwatch.common.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.parse.DeadLetters;
import org.gridwatch.common.parse.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published JSON of the output records, produced by the production serializers ({@link
 * Documents}, {@link DeadLetters}), so the schema tests check what the jobs really emit.
 */
final class ContractJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ContractJson() {}

    /**
     * The production serializer: what the jobs publish to gridwatch.alerts and index in
     * Elasticsearch.
     */
    static ObjectNode alert(Alert a) {
        return Documents.alert(a);
    }

    /** The production serializer of dead letters. */
    static ObjectNode deadLetter(DeadLetter d) {
        return Documents.deadLetter(d);
    }

    /** The dead letter the parse step builds for a parse failure (production code path). */
    static ObjectNode deadLetter(
            String topic,
            int partition,
            long offset,
            String key,
            byte[] value,
            InvalidInputException e,
            long now) {
        RawRecord raw =
                new RawRecord(
                        topic,
                        partition,
                        offset,
                        now,
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value);
        return deadLetter(DeadLetters.of(raw, e, now));
    }

    static List<Alert> sampleAlerts() {
        long t0 = Instant.parse("2026-11-21T14:05:12Z").toEpochMilli();
        Map<String, Long> levels = new LinkedHashMap<>();
        levels.put("BLUE", t0 + 3_600_000);
        levels.put("YELLOW", t0 + 5_760_000);
        return List.of(
                new Alert(
                                "TRUCK_SUSPECTED_DUMPING:013912345601:" + t0,
                                AlertType.TRUCK_SUSPECTED_DUMPING,
                                AlertStatus.CLOSED,
                                3,
                                Severity.CRITICAL,
                                null,
                                Map.of(),
                                t0,
                                t0 + 540_000,
                                t0 + 540_000,
                                t0 + 541_000,
                                "TRUCK",
                                "013912345601",
                                "310112009012",
                                "闵行区",
                                31.0415,
                                121.4567,
                                "渣土车沪D52817在核准场地外停留9分钟，车厢举升",
                                "Truck 沪D52817 stopped 9 min outside any approved site with the box lifted",
                                Map.of("plate", "沪D52817", "stopMinutes", "9", "lifted", "true"),
                                List.of(
                                        new Evidence(
                                                "gps",
                                                "013912345601",
                                                t0,
                                                31.0415,
                                                121.4567,
                                                "0.0 km/h"),
                                        new Evidence(
                                                "gps",
                                                "013912345601",
                                                t0 + 540_000,
                                                31.0415,
                                                121.4567,
                                                "0.0 km/h, lifted")))
                        .withNearestOfficers(
                                List.of(
                                        new NearbyOfficer(
                                                "OF-0012",
                                                "王磊",
                                                312.4,
                                                t0 + 510_000,
                                                30,
                                                31.0433,
                                                121.4589))),
                new Alert(
                        "CASE_OVERDUE:12345-20261121-004417",
                        AlertType.CASE_OVERDUE,
                        AlertStatus.UPDATED,
                        1,
                        Severity.MEDIUM,
                        "YELLOW",
                        levels,
                        t0,
                        0,
                        t0 + 5_760_000,
                        t0 + 5_760_500,
                        "CASE",
                        "12345-20261121-004417",
                        null,
                        null,
                        Double.NaN,
                        Double.NaN,
                        "案件即将超时（黄灯，催办）",
                        "Case close to its time limit (yellow)",
                        Map.of(),
                        List.of(
                                new Evidence(
                                        "complaint",
                                        "12345-20261121-004417-R",
                                        t0,
                                        Double.NaN,
                                        Double.NaN,
                                        "09006 占道经营"))));
    }

    private static ObjectNode location(double lat, double lon) {
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
            return null;
        }
        return F.objectNode().put("lat", lat).put("lon", lon);
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
