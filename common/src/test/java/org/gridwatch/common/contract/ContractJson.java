package org.gridwatch.common.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.parse.InvalidInputException;

/**
 * The published JSON of the output records as the schemas describe it (times as ISO-8601 strings,
 * NaN positions as a null location, episodeEnd 0 as null). No production serializer exists yet;
 * this is the reference the real one must match.
 */
final class ContractJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ContractJson() {}

    static ObjectNode alert(Alert a) {
        ObjectNode n = F.objectNode();
        n.put("alertId", a.alertId());
        n.put("type", a.type().name());
        n.put("status", a.status().name());
        n.put("revision", a.revision());
        n.put("severity", a.severity().name());
        n.put("level", a.level());
        ObjectNode levels = n.putObject("levelTimes");
        a.levelTimes().forEach((level, ms) -> levels.put(level, iso(ms)));
        n.put("episodeStart", iso(a.episodeStart()));
        n.put("episodeEnd", a.episodeEnd() == 0 ? null : iso(a.episodeEnd()));
        n.put("eventTime", iso(a.eventTime()));
        n.put("detectedAt", iso(a.detectedAt()));
        n.put("entityType", a.entityType());
        n.put("entityId", a.entityId());
        n.put("gridCode", a.gridCode());
        n.put("district", a.district());
        n.set("location", location(a.lat(), a.lon()));
        n.put("messageZh", a.messageZh());
        n.put("messageEn", a.messageEn());
        ObjectNode attrs = n.putObject("attributes");
        a.attributes().forEach(attrs::put);
        var evidence = n.putArray("evidence");
        for (Evidence e : a.evidence()) {
            ObjectNode en = evidence.addObject();
            en.put("kind", e.kind());
            en.put("ref", e.ref());
            en.put("eventTime", iso(e.eventTime()));
            en.set("location", location(e.lat(), e.lon()));
            en.put("detail", e.detail());
        }
        return n;
    }

    static ObjectNode deadLetter(DeadLetter d) {
        ObjectNode n = F.objectNode();
        n.put("reasonCode", d.reasonCode());
        n.put("reason", d.reason());
        n.put("sourceTopic", d.sourceTopic());
        n.put("partition", d.partition());
        n.put("offset", d.offset());
        n.put("key", d.key());
        n.put("original", d.original());
        n.put("originalEncoding", d.originalEncoding());
        n.put("failedAt", iso(d.failedAt()));
        return n;
    }

    /** Builds the dead letter for a parse failure: UTF-8 text when the bytes are valid UTF-8, else base64. */
    static ObjectNode deadLetter(
            String topic, int partition, long offset, String key, byte[] value, InvalidInputException e, long now) {
        String original;
        String encoding;
        try {
            original = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
            encoding = "utf8";
        } catch (CharacterCodingException notText) {
            original = Base64.getEncoder().encodeToString(value);
            encoding = "base64";
        }
        return deadLetter(new DeadLetter(
                e.reasonCode(), e.getMessage(), topic, partition, offset, key, original, encoding, now));
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
                                new Evidence("gps", "013912345601", t0, 31.0415, 121.4567, "0.0 km/h"),
                                new Evidence("gps", "013912345601", t0 + 540_000, 31.0415, 121.4567, "0.0 km/h, lifted"))),
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
                        List.of(new Evidence("complaint", "12345-20261121-004417-R", t0, Double.NaN, Double.NaN, "09006 占道经营"))));
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
