package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.reference.CityReference;

/**
 * What the reference says about one noise sensor: its zone class (null when nothing gives one),
 * grid, district and place. The device record wins; a device without a class takes the class of the
 * noise zone around it. {@code zoneId} is the noise zone around the sensor (null outside every
 * zone), named even when the device's own class wins, so a reader can see both.
 */
public record NoiseSensor(
        String id,
        String zoneClass,
        String gridCode,
        String district,
        double lat,
        double lon,
        String zoneId) {

    /**
     * {@code lat}/{@code lon} are where the reading says it was taken (NaN if unknown), used only
     * for an unregistered device.
     */
    public static NoiseSensor of(CityReference ref, String id, double lat, double lon) {
        Device d = ref.devices().get(id);
        double la = d != null ? d.lat() : lat;
        double lo = d != null ? d.lon() : lon;
        String cls = d != null ? d.noiseClass() : null;
        Zone z = Double.isNaN(la) || Double.isNaN(lo) ? null : ref.noiseZoneAt(la, lo);
        if (cls == null) {
            cls = z == null ? null : z.noiseClass();
        }
        String grid = d != null && d.gridCode() != null ? d.gridCode() : null;
        Grid g = grid != null ? ref.grids().get(grid) : ref.gridAt(la, lo);
        return new NoiseSensor(
                id,
                cls,
                g != null ? g.gridCode() : grid,
                g != null ? g.districtName() : null,
                la,
                lo,
                z == null ? null : z.zoneId());
    }
}
