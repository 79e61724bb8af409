package org.gridwatch.jobs.cases.logic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

/**
 * Renders a {@link CaseFile} as its {@code gridwatch-cases} document. Kept apart from the case file
 * because the document's shape is an output format that changes on its own, while the case file is
 * keyed state whose fields must not change; the renderer only reads the file.
 */
final class CaseDocument {
    private CaseDocument() {}

    /** The case document for {@code gridwatch-cases}. */
    static String of(CaseFile f, CaseRules rules) {
        CaseCategories.Category c = CaseCategories.of(f.category);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("caseId", f.caseId);
        n.put("status", f.status);
        n.put("channel", f.historyChannels.isEmpty() ? null : f.historyChannels.get(0));
        n.putPOJO("channels", new java.util.TreeSet<>(f.historyChannels));
        n.put("category", f.category);
        n.put("categoryNameZh", c.nameZh());
        n.put("categoryNameEn", c.nameEn());
        n.put("categoryClassZh", c.classZh());
        n.put("categoryClassEn", c.classEn());
        n.put("district", f.district);
        n.put("gridCode", f.gridCode);
        n.put("street", f.street);
        if (f.address != null) {
            n.put("address", f.address);
        }
        Json.putLocation(n, "location", f.lat, f.lon);
        time(n, "receivedAt", f.receivedAt);
        time(n, "dispatchedAt", f.dispatchedAt);
        time(n, "handledAt", f.handledAt);
        time(n, "closedAt", f.closedAt);
        time(n, "reopenedAt", f.reopenedAt);
        time(n, "deadline", f.deadline(rules));
        n.put("timeLimitMinutes", f.limitMinutes);
        n.put("complaints", f.complaints);
        n.put("repeats", f.complaints - 1);
        n.put("reopenCount", f.reopenCount);
        String level = null;
        for (EscalationLadder.Level l : EscalationLadder.Level.values()) {
            if (f.reached.containsKey(l.name())) {
                level = l.name();
            }
        }
        n.put("overdueLevel", level);
        ObjectNode levels = n.putObject("levelTimes");
        f.reached.forEach((k, v) -> levels.put(k, Json.iso(v)));
        if (f.firstClosedAt != 0) {
            n.put(
                    "onTime",
                    f.firstClosedAt
                            <= rules.calendar().addWorkingMinutes(f.receivedAt, f.limitMinutes));
        }
        ArrayNode h = n.putArray("history");
        for (int i = 0; i < f.historyTickets.size(); i++) {
            ObjectNode x = h.addObject();
            x.put("ticketId", f.historyTickets.get(i));
            x.put("channel", f.historyChannels.get(i));
            x.put("time", Json.iso(f.historyTimes.get(i)));
        }
        time(n, "updatedAt", f.lastEventTime);
        return Json.text(n);
    }

    private static void time(ObjectNode n, String field, long t) {
        if (t > 0) {
            n.put(field, Json.iso(t));
        } else {
            n.putNull(field);
        }
    }
}
