package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

/** The city's reference data as {@code gridwatch.reference} UPSERT events, one per object. */
public final class ReferenceFeed {
    private ReferenceFeed() {}

    public static List<SimEvent> events(City city, long time) {
        List<SimEvent> out = new ArrayList<>();
        city.grids().forEach(g -> out.add(update("GRID", g.gridCode(), CityCodec.grid(g), time)));
        city.sites().forEach(s -> out.add(update("SITE", s.siteId(), CityCodec.site(s), time)));
        city.zones().forEach(z -> out.add(update("ZONE", z.zoneId(), CityCodec.zone(z), time)));
        city.permits().forEach(p -> out.add(update("PERMIT", p.permitId(), CityCodec.permit(p), time)));
        city.trucks().forEach(t -> out.add(update("TRUCK", t.truckId(), CityCodec.truck(t), time)));
        city.officers().forEach(o -> out.add(update("OFFICER", o.officerId(), CityCodec.officer(o), time)));
        city.devices().forEach(d -> out.add(update("DEVICE", d.deviceId(), CityCodec.device(d), time)));
        return out;
    }

    private static SimEvent update(String kind, String id, ObjectNode payload, long time) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", kind);
        n.put("id", id);
        n.put("op", "UPSERT");
        n.put("time", Instant.ofEpochMilli(time).toString());
        n.set("payload", payload);
        return new SimEvent(Topics.REFERENCE, kind + ":" + id, time, Json.bytes(n));
    }
}
