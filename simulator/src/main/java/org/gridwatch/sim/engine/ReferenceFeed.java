package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityUpdates;

import java.time.Instant;
import java.util.List;

/**
 * The city's reference data ({@link CityUpdates}) as {@code gridwatch.reference} records in the
 * wire format, keyed {@code KIND:id}.
 */
public final class ReferenceFeed {
    private ReferenceFeed() {}

    public static List<SimEvent> events(City city, long time) {
        return events(city, CityFiles.meta(city), time);
    }

    /**
     * As {@link #events(City, long)}, with {@code cityJson} (the directory's own {@code city.json})
     * as the CITY record.
     */
    public static List<SimEvent> events(City city, ObjectNode cityJson, long time) {
        return CityUpdates.of(city, cityJson, time).stream().map(ReferenceFeed::event).toList();
    }

    private static SimEvent event(ReferenceUpdate u) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", u.kind());
        n.put("id", u.id());
        n.put("op", u.op());
        n.put("time", Instant.ofEpochMilli(u.eventTime()).toString());
        n.set("payload", Json.read(u.payload()));
        return new SimEvent(Topics.REFERENCE, CityUpdates.key(u), u.eventTime(), Json.bytes(n));
    }
}
