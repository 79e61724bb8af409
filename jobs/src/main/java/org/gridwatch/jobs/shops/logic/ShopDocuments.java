package org.gridwatch.jobs.shops.logic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.ShopViolation;

import java.util.List;
import java.util.Map;

/**
 * The only place {@value #INDEX} documents are built (schema {@code
 * schemas/elasticsearch/gridwatch-shops.json}):
 *
 * <ul>
 *   <li>kind {@code SHOP}, id = shop id: the live file, written with an external version that only
 *       grows ({@link ShopFile#docVersion}: the event time of the write, or one more than the
 *       last), so a replayed older file never overwrites a newer one;
 *   <li>kind {@code AMBIGUOUS}, id {@code ambiguous:camera@startUTC}: a camera occurrence whose
 *       position was equally near two or more frontages, attributed to no shop but kept in view.
 * </ul>
 */
public final class ShopDocuments {
    public static final String INDEX = "gridwatch-shops";
    public static final int LAST_RECORDS = 10;
    public static final int LAST_CLOSED_CASES = 5;

    private ShopDocuments() {}

    /** The file of {@code f} as of {@code now}; advances {@code f.docVersion}. */
    public static EsWriteRequest file(ShopFile f, Shop shop, String district, long now) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", "SHOP");
        n.put("shopId", f.shopId);
        if (shop != null) {
            putIfSet(n, "name", shop.name());
            putIfSet(n, "licence", shop.licence());
            putIfSet(n, "address", shop.address());
            putIfSet(n, "category", shop.category());
            putIfSet(n, "gridCode", shop.gridCode());
            if (shop.frontage() != null && !shop.frontage().isEmpty()) {
                var c = shop.frontage().getCentroid();
                Json.putLocation(n, "location", c.getY(), c.getX());
            }
        }
        putIfSet(n, "district", district);
        n.put("asOf", Json.iso(now));
        ObjectNode counts = n.putObject("counts");
        for (int days : new int[] {7, 30, 365}) {
            ObjectNode c = counts.putObject("d" + days);
            int total = 0;
            for (Map.Entry<ShopViolation, Integer> e : f.counts(now, days).entrySet()) {
                c.put(e.getKey().name(), e.getValue());
                total += e.getValue();
            }
            c.put("total", total);
        }
        n.put("totalRecords", f.totalRecords);
        ArrayNode last = n.putArray("lastRecords");
        List<ViolationRecord> rs = f.records;
        for (int i = rs.size() - 1; i >= Math.max(0, rs.size() - LAST_RECORDS); i--) {
            last.add(record(rs.get(i)));
        }
        if (f.lastInspection != null) {
            Inspection i = f.lastInspection;
            ObjectNode li = n.putObject("lastInspection");
            putIfSet(li, "officer", i.officer);
            li.put("time", Json.iso(i.time));
            li.put("result", i.result());
            putIfSet(li, "violation", i.violation == null ? null : i.violation.name());
            putIfSet(li, "photoUrl", i.photoUrl);
        }
        ArrayNode open = n.putArray("openCases");
        for (ShopCase c : f.openCases()) {
            ObjectNode o = open.addObject();
            o.put("caseId", c.caseId);
            putIfSet(o, "category", c.category);
            if (c.received >= 0) {
                o.put("received", Json.iso(c.received));
            }
        }
        ArrayNode closed = n.putArray("closedCases");
        f.cases.values().stream()
                .filter(c -> !c.isOpen())
                .sorted((a, b) -> Long.compare(b.closed, a.closed))
                .limit(LAST_CLOSED_CASES)
                .forEach(
                        c -> {
                            ObjectNode o = closed.addObject();
                            o.put("caseId", c.caseId);
                            o.put("closed", Json.iso(c.closed));
                            putIfSet(o, "outcome", c.outcome);
                        });
        for (int days : new int[] {30, 365}) {
            long from = now - days * ShopFile.DAY_MS;
            n.put(
                    "complaints" + days + "d",
                    f.complaints.stream().filter(t -> t > from && t <= now).count());
        }
        ShopRisk.Assessment a = ShopRisk.assess(f, now);
        n.put("risk", a.score());
        n.put("grade", a.grade());
        ArrayNode reasons = n.putArray("riskReasons");
        a.reasons().forEach(reasons::add);
        n.put("repeatOpen", f.episode != null);
        if (f.episode != null) {
            n.put("repeatAlertId", f.episode.alertId);
        }
        n.put("updatedAt", Json.iso(now));
        f.docVersion = Math.max(now, f.docVersion + 1);
        return new EsWriteRequest(INDEX, f.shopId, Json.text(n), f.docVersion);
    }

    /** A camera occurrence attributed to no shop because two or more frontages were as near. */
    public static EsWriteRequest ambiguous(ShopEvent e, List<String> candidates) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", "AMBIGUOUS");
        putIfSet(n, "device", e.device());
        n.put("asOf", Json.iso(e.time()));
        n.put("updatedAt", Json.iso(e.time()));
        putIfSet(n, "violation", e.violation() == null ? null : e.violation().name());
        ArrayNode c = n.putArray("candidates");
        candidates.forEach(c::add);
        n.put("meters", Math.round(e.meters() * 10) / 10.0);
        putIfSet(n, "photoUrl", e.photoUrl());
        Json.putLocation(n, "location", e.lat(), e.lon());
        return new EsWriteRequest(
                INDEX,
                "ambiguous:" + e.device() + "@" + Json.iso(e.time()),
                Json.text(n),
                EsWriteRequest.NO_VERSION);
    }

    private static ObjectNode record(ViolationRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("start", Json.iso(r.start));
        o.put("lastReport", Json.iso(r.lastReport));
        o.put("violation", r.violation.name());
        o.put("violationZh", r.violation.nameZh());
        o.put("source", r.source);
        putIfSet(o, "device", r.device);
        if (!Double.isNaN(r.confidence)) {
            o.put("confidence", r.confidence);
        }
        putIfSet(o, "photoUrl", r.photoUrl);
        o.put("reports", r.reports);
        putIfSet(o, "confirmedBy", r.confirmedBy);
        putIfSet(o, "confirmPhotoUrl", r.confirmPhotoUrl);
        if (Double.isFinite(r.lat) && Double.isFinite(r.lon)) {
            Json.putLocation(o, "location", r.lat, r.lon);
        }
        return o;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
