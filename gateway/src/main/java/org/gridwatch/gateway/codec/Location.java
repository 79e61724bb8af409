package org.gridwatch.gateway.codec;

import java.util.Map;

/**
 * A decoded 0x0200 location body (or one item of a 0x0704 batch). Optional values are null when the
 * terminal did not send the additional item.
 *
 * @param alarm alarm DWORD (bit 0 SOS, 1 overspeed, 8 main power cut, ...)
 * @param status status DWORD as reported (bit 0 ACC, 1 positioned, 2 south, 3 west, 8-9 load)
 * @param lat WGS-84 latitude in degrees, negative in the south (status bit 2)
 * @param lon WGS-84 longitude in degrees, negative in the west (status bit 3)
 * @param altitudeM altitude in metres
 * @param speedKmh speed in km/h (the body carries 0.1 km/h)
 * @param heading degrees from north, 0-359
 * @param time fix time, epoch ms (the body's BCD local time in the configured zone)
 * @param mileageKm item 0x01 (0.1 km)
 * @param fuelL item 0x02 (0.1 L)
 * @param recorderSpeedKmh item 0x03, the tachograph's speed (0.1 km/h)
 * @param vehicleSignals item 0x25, the extended vehicle signal DWORD
 * @param signalStrength item 0x30, wireless signal strength
 * @param satellites item 0x31, GNSS satellites in view
 * @param lifted cargo box lifted, from the configured vendor item; null when that item is absent
 * @param otherItems every other additional item, id (two hex digits) to its raw value in hex
 */
public record Location(
        long alarm,
        long status,
        double lat,
        double lon,
        int altitudeM,
        double speedKmh,
        int heading,
        long time,
        Double mileageKm,
        Double fuelL,
        Double recorderSpeedKmh,
        Long vehicleSignals,
        Integer signalStrength,
        Integer satellites,
        Boolean lifted,
        Map<String, String> otherItems) {

    public Location {
        otherItems = Map.copyOf(otherItems);
    }

    public boolean accOn() {
        return (status & 1) != 0;
    }

    public boolean positioned() {
        return (status & 2) != 0;
    }

    /** Status bits 8-9: 0 empty, 1 half loaded, 3 fully loaded (2 is reserved). */
    public int loadState() {
        return (int) ((status >> 8) & 3);
    }
}
