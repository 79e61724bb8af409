package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The only place documents of {@value #INDEX} are built: one per grid and clock hour, id {@code
 * grid@hourStartUTC}, so a replay overwrites the same document. The shift is early before 14:00
 * local, late after, off-duty outside duty hours.
 */
public final class CoverageDocuments {
    public static final String INDEX = "gridwatch-coverage";

    private CoverageDocuments() {}

    public static EsWriteRequest hour(Grid grid, HourBucket b, ZoneId zone) {
        var n = Json.MAPPER.createObjectNode();
        n.put("gridCode", grid.gridCode());
        n.put("district", grid.districtName());
        n.put("street", grid.streetName());
        n.put("community", grid.communityName());
        int hourOfDay = Instant.ofEpochMilli(b.start).atZone(zone).getHour();
        n.put("shift", !b.duty ? "off-duty" : hourOfDay < 14 ? "early" : "late");
        n.put("hourOfDay", hourOfDay);
        n.put("bucketStart", Json.iso(b.start));
        n.put("duty", b.duty);
        n.put("minutesCovered", b.minutesCovered());
        n.put("visits", b.visits);
        n.put("distinctOfficers", b.officers.size());
        var officers = n.putArray("officers");
        b.officers.forEach(officers::add);
        return new EsWriteRequest(
                INDEX,
                grid.gridCode() + "@" + Json.iso(b.start),
                Json.text(n),
                EsWriteRequest.NO_VERSION);
    }
}
