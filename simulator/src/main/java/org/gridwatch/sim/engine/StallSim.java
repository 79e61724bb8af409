package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A camera watching a stall spot, and what happens there: a street stall sets up, the camera
 * reports it every 8 to 12 s (missing a report now and then), and either an officer clears it (a
 * CLEARED event on the hotline topic, case id {@code CLR-<spot>-<n>}; sometimes the camera still
 * sees the vendor packing up for up to a minute) or the vendor leaves on their own (and may come
 * back later: no clearance, so no reappearance).
 *
 * <p>Rate {@code STALL_REAPPEARED}: the share of cleared stalls that come back 30 to 150 minutes
 * after the clearance; one in three of those is chronic and comes back three times, each time
 * cleared again. Truth, per the catalogue (a stall detected at a spot within 72 h after it was
 * cleared): one record per reappearance, from its first camera report to its clearance (or its last
 * report when the vendor leaves on their own). A record hinges on the clearance before it and on
 * the returning stall's reports (any one of them opens it): with the clearance, or every report,
 * delivered late, it is optional ({@link Truth#settle}).
 */
final class StallSim extends EntitySim {
    private record Ev(long time, SimEvent event) {}

    private final List<Ev> events = new ArrayList<>();
    private int next;

    StallSim(Device camera, Simulation.Context ctx, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double rate = ctx.scenario().violation("STALL_REAPPEARED");
        long start = ctx.start() + 30 * 60_000L;
        long latest = ctx.end() - 10 * 3_600_000L;
        if (latest <= start || r.nextDouble() >= 0.5) {
            return;
        }
        long t = start + r.nextLong(latest - start);
        int cases = 0;
        long presence = (15 + r.nextInt(26)) * 60_000L;
        long lastReport = present(camera, t, presence, r);
        boolean cleared = r.nextDouble() < 0.7;
        if (!cleared) {
            if (r.nextDouble() < 0.2) {
                // Left on their own, back later: never cleared, so not a reappearance.
                long back = t + presence + (30 + r.nextInt(120)) * 60_000L;
                present(camera, back, (10 + r.nextInt(20)) * 60_000L, r);
            }
            finish();
            return;
        }
        long clearedAt = t + presence;
        SimEvent.Id clearance = clear(camera, clearedAt, ++cases, r);
        if (r.nextDouble() >= rate) {
            finish();
            return;
        }
        int times = r.nextInt(3) == 0 ? 3 : 1;
        for (int k = 1; k <= times; k++) {
            long back = clearedAt + (30 + r.nextInt(121)) * 60_000L;
            long stay = (10 + r.nextInt(21)) * 60_000L;
            int first = events.size();
            long last = present(camera, back, stay, r);
            List<SimEvent.Id> reports =
                    events.subList(first, events.size()).stream().map(x -> x.event().id()).toList();
            boolean clearAgain = k < times || r.nextDouble() < 0.5;
            long until = clearAgain ? back + stay : last;
            ctx.truth()
                    .add(
                            "STALL_REAPPEARED",
                            camera.spotId(),
                            back,
                            until,
                            "back "
                                    + (back - clearedAt) / 60_000
                                    + " min after clearance (reappearance "
                                    + k
                                    + " of "
                                    + times
                                    + (times >= 3 ? ", chronic" : "")
                                    + ")",
                            // Undecidable without the clearance, or without every report.
                            List.of(List.of(clearance), reports));
            if (!clearAgain) {
                break;
            }
            clearedAt = back + stay;
            clearance = clear(camera, clearedAt, ++cases, r);
        }
        finish();
    }

    /**
     * Camera reports from {@code from} while the stall stays; returns the time of the last report.
     */
    private long present(Device camera, long from, long stay, SplittableRandom r) {
        long last = from;
        for (long t = from; t < from + stay; t += 8_000 + r.nextLong(4_001)) {
            if (t != from && r.nextDouble() < 0.05) {
                continue;
            }
            events.add(new Ev(t, detection(camera, t, r)));
            last = t;
        }
        return last;
    }

    /** Adds a clearance (and the vendor packing up); returns the clearance's id. */
    private SimEvent.Id clear(Device camera, long t, int n, SplittableRandom r) {
        String caseId =
                "CLR-"
                        + camera.spotId()
                        + "-"
                        + Instant.ofEpochMilli(t).getEpochSecond() / 60
                        + "-"
                        + n;
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("eventId", caseId + "-C");
        e.put("caseId", caseId);
        e.put("kind", "CLEARED");
        e.put("channel", "patrol");
        e.put("time", Instant.ofEpochMilli(t).toString());
        e.put("category", "09006");
        e.put("lat", camera.lat());
        e.put("lon", camera.lon());
        if (camera.gridCode() != null) {
            e.put("gridCode", camera.gridCode());
        }
        e.put("spotId", camera.spotId());
        e.put("text", "占道经营摊点已劝离清理");
        SimEvent cleared = new SimEvent(Topics.HOTLINE, caseId, t, Json.bytes(e));
        events.add(new Ev(t, cleared));
        if (r.nextDouble() < 0.3) {
            // The vendor is still packing up in view for a few seconds.
            int n2 = 1 + r.nextInt(3);
            for (int k = 0; k < n2; k++) {
                long tt = t + 1_000 + r.nextLong(60_000);
                events.add(new Ev(tt, detection(camera, tt, r)));
            }
        }
        return cleared.id();
    }

    private static SimEvent detection(Device camera, long t, SplittableRandom r) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("deviceId", camera.deviceId());
        e.put("kind", "STALL_DETECTED");
        e.put("time", Instant.ofEpochMilli(t).toString());
        e.put("lat", camera.lat());
        e.put("lon", camera.lon());
        e.put("spotId", camera.spotId());
        e.put("confidence", Math.round((0.7 + r.nextDouble() * 0.29) * 100) / 100.0);
        return new SimEvent(Topics.IOT, camera.deviceId(), t, Json.bytes(e));
    }

    private void finish() {
        events.sort(Comparator.comparingLong(Ev::time));
    }

    @Override
    long nextTime() {
        return next < events.size() ? events.get(next).time() : Long.MAX_VALUE;
    }

    @Override
    SimEvent step() {
        return events.get(next++).event();
    }
}
