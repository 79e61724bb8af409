package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;

import java.time.Instant;
import java.util.SplittableRandom;

/** Writes simulated events in the topic schemas, adding GPS noise where a real receiver would. */
final class Pings {
    /** JT/T 808 status bits the simulator sets. */
    static final long ACC_ON = 1L;

    static final long POSITIONED = 1L << 1;
    static final long LOAD_FULL = 3L << 8;

    /**
     * Vendor "cargo box lifted" bit; its position is configurable in the jobs
     * (docs/rules.md#jtt-808).
     */
    static final long BOX_LIFTED = 1L << 29;

    private Pings() {}

    static SimEvent gps(
            String entityId,
            String type,
            long t,
            double x,
            double y,
            double speed,
            double heading,
            Long status,
            String plate,
            LocalProjection proj,
            SplittableRandom r,
            double noiseM) {
        double[] fix = withNoise(x, y, r, noiseM);
        return reported(
                entityId, type, t, fix[0], fix[1], speed, heading, status, plate, proj, noiseM);
    }

    /**
     * Where a receiver with {@code noiseM} metres of Gaussian error per axis reports plane point
     * (x, y).
     */
    static double[] withNoise(double x, double y, SplittableRandom r, double noiseM) {
        double nx = x + (noiseM > 0 ? r.nextGaussian() * noiseM : 0);
        double ny = y + (noiseM > 0 ? r.nextGaussian() * noiseM : 0);
        return new double[] {nx, ny};
    }

    /** A GPS event at the already reported plane point (nx, ny). */
    static SimEvent reported(
            String entityId,
            String type,
            long t,
            double nx,
            double ny,
            double speed,
            double heading,
            Long status,
            String plate,
            LocalProjection proj,
            double noiseM) {
        return reported(
                entityId, type, t, nx, ny, speed, heading, status, plate, proj, noiseM, true);
    }

    /**
     * As above; {@code withSpeed} false writes no {@code speed} field (terminals that send none).
     */
    static SimEvent reported(
            String entityId,
            String type,
            long t,
            double nx,
            double ny,
            double speed,
            double heading,
            Long status,
            String plate,
            LocalProjection proj,
            double noiseM,
            boolean withSpeed) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("entityId", entityId);
        n.put("entityType", type);
        n.put("time", Instant.ofEpochMilli(t).toString());
        n.put("lat", Math.round(proj.lat(ny) * 1e6) / 1e6);
        n.put("lon", Math.round(proj.lon(nx) * 1e6) / 1e6);
        if (withSpeed) {
            n.put("speed", Math.round(speed * 10) / 10.0);
        }
        n.put("heading", (int) Math.round(heading) % 360);
        if (noiseM > 0) {
            n.put("accuracy", Math.round(noiseM * 2));
        }
        if (status != null) {
            n.put("status", status);
        }
        if (plate != null) {
            n.put("plate", plate);
        }
        n.put("source", "sim");
        return new SimEvent(Topics.GPS, entityId, t, Json.bytes(n));
    }

    static SimEvent noise(
            String deviceId,
            long t,
            double lat,
            double lon,
            double laeq,
            double lmax,
            int intervalSeconds) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("deviceId", deviceId);
        n.put("kind", "NOISE_READING");
        n.put("time", Instant.ofEpochMilli(t).toString());
        n.put("lat", lat);
        n.put("lon", lon);
        n.put("laeq", Math.round(laeq * 10) / 10.0);
        n.put("lmax", Math.round(lmax * 10) / 10.0);
        n.put("interval", intervalSeconds);
        return new SimEvent(Topics.IOT, deviceId, t, Json.bytes(n));
    }
}
