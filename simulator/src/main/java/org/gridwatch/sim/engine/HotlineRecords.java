package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

import java.time.Instant;

/**
 * The {@code gridwatch.hotline} records of the simulated hotline: a complaint received, then its
 * case's steps.
 */
final class HotlineRecords {
    private HotlineRecords() {}

    static SimEvent received(
            String ticket,
            long t,
            String channel,
            String category,
            double lat,
            double lon,
            String district,
            int limitMinutes) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventId", ticket + "-R");
        n.put("caseId", ticket);
        n.put("kind", "RECEIVED");
        n.put("time", Instant.ofEpochMilli(t).toString());
        n.put("channel", channel);
        n.put("category", category);
        n.put("lat", lat);
        n.put("lon", lon);
        n.put("district", district);
        n.put("timeLimitMinutes", limitMinutes);
        n.put("text", "市民反映：" + category);
        return new SimEvent(Topics.HOTLINE, ticket, t, Json.bytes(n));
    }

    /** The {@code n}th step of a case ({@code kind}: DISPATCHED, HANDLED, CLOSED ...). */
    static SimEvent step(String ticket, String kind, long t, int n) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("eventId", ticket + "-" + n + kind.charAt(0));
        o.put("caseId", ticket);
        o.put("kind", kind);
        o.put("time", Instant.ofEpochMilli(t).toString());
        return new SimEvent(Topics.HOTLINE, ticket, t, Json.bytes(o));
    }

    /** A received record that names a shop on file. */
    static SimEvent namingShop(SimEvent received, String shopId) {
        ObjectNode n =
                (ObjectNode)
                        Json.read(
                                new String(
                                        received.value(), java.nio.charset.StandardCharsets.UTF_8));
        n.put("shopId", shopId);
        return new SimEvent(received.topic(), received.key(), received.eventTime(), Json.bytes(n));
    }

    /** A shop case's closure with its enforcement outcome. */
    static SimEvent closedForShop(String ticket, long t, int n, String shopId, String outcome) {
        SimEvent e = step(ticket, "CLOSED", t, n);
        ObjectNode o =
                (ObjectNode)
                        Json.read(new String(e.value(), java.nio.charset.StandardCharsets.UTF_8));
        o.put("shopId", shopId);
        o.put("outcome", outcome);
        return new SimEvent(e.topic(), e.key(), e.eventTime(), Json.bytes(o));
    }
}
