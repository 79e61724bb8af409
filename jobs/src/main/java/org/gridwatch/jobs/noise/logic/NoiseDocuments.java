package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;

/**
 * The only place documents of {@value #INDEX} are built: one per sensor and clock hour, id
 * {@code sensor@hourStartUTC}, so a replay overwrites the same document.
 */
public final class NoiseDocuments {
    public static final String INDEX = "gridwatch-noise";

    private NoiseDocuments() {}

    public static EsWriteRequest hour(NoiseSensor s, NoiseHour h) {
        var n = Json.MAPPER.createObjectNode();
        n.put("sensorId", s.id());
        if (s.gridCode() != null) {
            n.put("gridCode", s.gridCode());
        }
        if (s.district() != null) {
            n.put("district", s.district());
        }
        n.put("zoneClass", s.zoneClass());
        n.put("bucketStart", Json.iso(h.start));
        n.put("laeq", Math.round(h.acc.level() * 10) / 10.0);
        n.put("lmax", Math.round(h.acc.lmax * 10) / 10.0);
        n.put("limit", h.limit);
        n.put("windowsOver", h.windowsOver);
        n.put("windows", h.acc.readings);
        if (!Double.isNaN(s.lat())) {
            Json.putLocation(n, "location", s.lat(), s.lon());
        }
        return new EsWriteRequest(INDEX, s.id() + "@" + Json.iso(h.start), Json.text(n), EsWriteRequest.NO_VERSION);
    }
}
