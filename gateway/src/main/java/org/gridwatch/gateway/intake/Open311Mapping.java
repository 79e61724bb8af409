package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.cases.CategoryTable;
import org.gridwatch.common.json.Json;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Between Open311 GeoReport v2 and GridWatch: a service request becomes a {@code gridwatch.hotline}
 * RECEIVED record (the format {@code HotlineParser} reads, channel {@value IntakeConfig#CHANNEL}),
 * and a case document of {@code gridwatch-cases} becomes the request's status.
 */
public final class Open311Mapping {
    private static final char[] BASE32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private Open311Mapping() {}

    /**
     * A new request id, also the case id: {@code OS-<UTC day>-<10 random characters>} (50 random
     * bits per day, so two intakes sharing a topic need no coordination).
     */
    public static String newRequestId(long nowMs) {
        StringBuilder b =
                new StringBuilder("OS-")
                        .append(
                                LocalDate.ofInstant(
                                                java.time.Instant.ofEpochMilli(nowMs),
                                                ZoneOffset.UTC)
                                        .format(DAY))
                        .append('-');
        for (int i = 0; i < 10; i++) {
            b.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return b.toString();
    }

    /**
     * The {@code gridwatch.hotline} record (Kafka key = {@code requestId}) of a request received at
     * {@code nowMs}.
     */
    public static ObjectNode hotlineRecord(String requestId, Open311Input in, long nowMs) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventId", requestId + "-R");
        n.put("caseId", requestId);
        n.put("kind", "RECEIVED");
        n.put("time", Json.iso(nowMs));
        n.put("channel", IntakeConfig.CHANNEL);
        n.put("category", in.serviceCode());
        n.put("lat", in.lat());
        n.put("lon", in.lon());
        if (in.description() != null) {
            n.put("text", in.description());
        }
        // Fields the jobs do not read yet (the schema allows them): kept for whoever handles the
        // case.
        if (in.addressString() != null) {
            n.put("address", in.addressString());
        }
        if (in.mediaUrl() != null) {
            n.put("mediaUrl", in.mediaUrl());
        }
        Open311Input.Contact c = in.contact();
        if (c != null && !c.isEmpty()) {
            ObjectNode r = n.putObject("reporter");
            putIfSet(r, "email", c.email());
            putIfSet(r, "firstName", c.firstName());
            putIfSet(r, "lastName", c.lastName());
            putIfSet(r, "phone", c.phone());
            putIfSet(r, "deviceId", c.deviceId());
            putIfSet(r, "accountId", c.accountId());
        }
        return n;
    }

    /** {@code services.json}: one realtime service per category, names in English and Chinese. */
    public static ArrayNode services() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (CategoryTable.Row r : CategoryTable.rows()) {
            ObjectNode s = a.addObject();
            s.put("service_code", r.code());
            s.put("service_name", r.nameEn());
            s.put(
                    "description",
                    r.nameEn()
                            + " / "
                            + r.nameZh()
                            + " ("
                            + r.classEn()
                            + " / "
                            + r.classZh()
                            + ")");
            s.put("metadata", false);
            s.put("type", "realtime");
            s.put("keywords", r.nameZh() + "," + r.classZh());
            s.put("group", r.classEn());
            // Not in GeoReport v2; clients ignore fields they do not know.
            s.put("service_name_zh", r.nameZh());
            s.put("group_zh", r.classZh());
            s.put("time_limit_working_minutes", r.defaultLimitMinutes());
        }
        return a;
    }

    /**
     * The status of request {@code requestId} from its case document. The request may have joined
     * another case as a repeat: then the document is that case's, and its {@code history} holds the
     * request.
     */
    public static ObjectNode statusFromCase(String requestId, JsonNode doc) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        String caseId = doc.path("caseId").asText(requestId);
        String caseStatus = doc.path("status").asText("RECEIVED");
        boolean closed = "CLOSED".equals(caseStatus);
        s.put("service_request_id", requestId);
        s.put("status", closed ? "closed" : "open");
        String level = textOrNull(doc, "overdueLevel");
        s.put(
                "status_notes",
                "case "
                        + caseId
                        + " "
                        + caseStatus
                        + (level == null ? "" : ", overdue level " + level)
                        + (caseId.equals(requestId)
                                ? ""
                                : " (this request joined it as a repeat)"));
        s.put("service_code", textOrNull(doc, "category"));
        s.put("service_name", textOrNull(doc, "categoryNameEn"));
        s.put("requested_datetime", requestedAt(requestId, doc));
        s.put("updated_datetime", textOrNull(doc, "updatedAt"));
        s.put("expected_datetime", textOrNull(doc, "deadline"));
        JsonNode loc = doc.path("location");
        if (loc.has("lat") && loc.has("lon")) {
            s.put("lat", loc.get("lat").asDouble());
            s.put("long", loc.get("lon").asDouble());
        }
        ObjectNode g = s.putObject("gridwatch");
        g.put("case_id", caseId);
        g.put("case_status", caseStatus);
        g.put("overdue_level", level);
        g.set(
                "level_times",
                doc.path("levelTimes").isObject()
                        ? doc.get("levelTimes")
                        : Json.MAPPER.createObjectNode());
        g.put("time_limit_working_minutes", doc.path("timeLimitMinutes").asInt());
        g.put("complaints", doc.path("complaints").asInt());
        g.put("grid_code", textOrNull(doc, "gridCode"));
        g.put("district", textOrNull(doc, "district"));
        return s;
    }

    /** The status of a request this intake accepted whose case the jobs have not written yet. */
    public static ObjectNode statusPending(String requestId, PendingRequests.Accepted a) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("service_request_id", requestId);
        s.put("status", "open");
        s.put("status_notes", "received; the case is not processed yet");
        s.put("service_code", a.input().serviceCode());
        CategoryTable.Row row = CategoryTable.find(a.input().serviceCode());
        s.put("service_name", row == null ? null : row.nameEn());
        s.put("description", a.input().description());
        s.put("requested_datetime", Json.iso(a.receivedAtMs()));
        s.put("updated_datetime", Json.iso(a.receivedAtMs()));
        s.putNull("expected_datetime"); // the working calendar that sets it lives in the case job
        s.put("address", a.input().addressString());
        s.put("lat", a.input().lat());
        s.put("long", a.input().lon());
        s.put("media_url", a.input().mediaUrl());
        return s;
    }

    /** Open311's error body: {@code [{"code":400,"description":"..."}]}. */
    public static ArrayNode error(int code, String description) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        ObjectNode e = a.addObject();
        e.put("code", code);
        e.put("description", description);
        return a;
    }

    private static String requestedAt(String requestId, JsonNode doc) {
        for (JsonNode h : doc.path("history")) {
            if (requestId.equals(h.path("ticketId").asText())) {
                return textOrNull(h, "time");
            }
        }
        return textOrNull(doc, "receivedAt");
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
