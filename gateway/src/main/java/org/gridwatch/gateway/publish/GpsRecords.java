package org.gridwatch.gateway.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.gateway.TerminalDirectory.Terminal;
import org.gridwatch.gateway.codec.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A decoded location as a {@code gridwatch.gps} record (schemas/topics/gridwatch.gps.schema.json):
 * the schema's fields, with {@code source = jt808}, plus a {@code jt808} object carrying what the
 * terminal said beyond them (the schema keeps additional properties open, and GpsParser ignores
 * them).
 */
public final class GpsRecords {
    /**
     * Alarm bits of JT/T 808-2019 table 24 GridWatch names in {@code jt808.alarms}; the DWORD is
     * kept whole.
     */
    private static final String[] ALARM_NAMES = new String[32];

    static {
        ALARM_NAMES[0] = "sos";
        ALARM_NAMES[1] = "overspeed";
        ALARM_NAMES[2] = "fatigue";
        ALARM_NAMES[3] = "danger";
        ALARM_NAMES[4] = "gnss_fault";
        ALARM_NAMES[5] = "gnss_antenna_cut";
        ALARM_NAMES[6] = "gnss_antenna_short";
        ALARM_NAMES[7] = "power_low";
        ALARM_NAMES[8] = "power_cut";
        ALARM_NAMES[9] = "display_fault";
        ALARM_NAMES[10] = "tts_fault";
        ALARM_NAMES[11] = "camera_fault";
        ALARM_NAMES[13] = "overspeed_warning";
        ALARM_NAMES[14] = "fatigue_warning";
        ALARM_NAMES[18] = "driving_time_exceeded";
        ALARM_NAMES[19] = "overtime_parking";
        ALARM_NAMES[20] = "area";
        ALARM_NAMES[21] = "route";
        ALARM_NAMES[22] = "segment_time";
        ALARM_NAMES[23] = "route_deviation";
        ALARM_NAMES[24] = "vss_fault";
        ALARM_NAMES[25] = "fuel_abnormal";
        ALARM_NAMES[26] = "stolen";
        ALARM_NAMES[27] = "illegal_ignition";
        ALARM_NAMES[28] = "illegal_displacement";
        ALARM_NAMES[29] = "collision";
        ALARM_NAMES[30] = "rollover";
        ALARM_NAMES[31] = "illegal_door_open";
    }

    private static final String[] LOAD = {"empty", "half", "reserved", "full"};

    private GpsRecords() {}

    /**
     * The record value. {@code status} is the reported word, except that a lift reported in a
     * vendor item is written into {@code boxLiftedBit}, so the jobs read one place for it.
     */
    public static ObjectNode json(
            Location loc, Terminal terminal, String phone, int boxLiftedBit, boolean batch) {
        long status = loc.status();
        if (loc.lifted() != null) {
            status = loc.lifted() ? status | (1L << boxLiftedBit) : status & ~(1L << boxLiftedBit);
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("entityId", terminal.entityId());
        n.put("entityType", "TRUCK");
        n.put("time", Json.iso(loc.time()));
        n.put("lat", loc.lat());
        n.put("lon", loc.lon());
        n.put("speed", loc.speedKmh());
        n.put("heading", loc.heading());
        n.put("status", status);
        n.put("alarm", loc.alarm());
        if (terminal.plate() != null) {
            n.put("plate", terminal.plate());
        }
        n.put("source", "jt808");
        ObjectNode j = n.putObject("jt808");
        j.put("phone", phone);
        j.put("altitudeM", loc.altitudeM());
        j.put("acc", loc.accOn());
        j.put("positioned", loc.positioned());
        j.put("load", LOAD[loc.loadState()]);
        j.put("boxLifted", ((status >> boxLiftedBit) & 1) == 1);
        List<String> alarms = alarmNames(loc.alarm());
        if (!alarms.isEmpty()) {
            alarms.forEach(j.putArray("alarms")::add);
        }
        putIf(j, "mileageKm", loc.mileageKm());
        putIf(j, "fuelL", loc.fuelL());
        putIf(j, "recorderSpeedKmh", loc.recorderSpeedKmh());
        if (loc.vehicleSignals() != null) {
            j.put("vehicleSignals", loc.vehicleSignals());
        }
        if (loc.signalStrength() != null) {
            j.put("signalStrength", loc.signalStrength());
        }
        if (loc.satellites() != null) {
            j.put("satellites", loc.satellites());
        }
        if (!loc.otherItems().isEmpty()) {
            ObjectNode items = j.putObject("items");
            new TreeMap<>(loc.otherItems()).forEach(items::put);
        }
        if (batch) {
            j.put("batch", true);
        }
        return n;
    }

    public static byte[] bytes(
            Location loc, Terminal terminal, String phone, int boxLiftedBit, boolean batch) {
        return Json.bytes(json(loc, terminal, phone, boxLiftedBit, batch));
    }

    /** Names of the set alarm bits; bits without a name appear as {@code bitN}. */
    public static List<String> alarmNames(long alarm) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < 32; b++) {
            if ((alarm >> b & 1) == 1) {
                out.add(ALARM_NAMES[b] != null ? ALARM_NAMES[b] : "bit" + b);
            }
        }
        return out;
    }

    private static void putIf(ObjectNode n, String field, Double v) {
        if (v != null) {
            n.put(field, v);
        }
    }
}
