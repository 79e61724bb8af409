package org.gridwatch.sim.city;

import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Site;
import org.locationtech.jts.geom.Coordinate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places the devices of a generated city: street cameras at grid interior points (each watching a
 * stall spot) and noise sensors, every fifth at a construction site boundary and the rest in grids,
 * where they take their street's noise function class.
 */
final class DeviceGenerator {
    private DeviceGenerator() {}

    static List<Device> devices(CityPlane plane, List<Grid> grids, List<Site> sites) {
        SplittableRandom r = plane.random(7);
        List<Device> out = new ArrayList<>();
        for (int k = 0; k < plane.size().cameras(); k++) {
            Grid g = grids.get(r.nextInt(grids.size()));
            Coordinate c = g.polygon().getInteriorPoint().getCoordinate();
            out.add(
                    new Device(
                            String.format("CAM%04d", k + 1),
                            Device.Kind.CAMERA,
                            GeoJson.round(c.y),
                            GeoJson.round(c.x),
                            String.format("SPOT%04d", k + 1),
                            g.gridCode(),
                            null));
        }
        List<Site> construction =
                sites.stream().filter(s -> s.kind() == Site.Kind.CONSTRUCTION).toList();
        for (int k = 0; k < plane.size().noiseSensors(); k++) {
            double lat;
            double lon;
            String noiseClass;
            String gridCode;
            if (k % 5 == 0 && !construction.isEmpty()) {
                // Every fifth sensor stands at a construction site boundary (GB 12523 limits
                // apply).
                Coordinate c =
                        construction
                                .get(r.nextInt(construction.size()))
                                .polygon()
                                .getExteriorRing()
                                .getCoordinateN(0);
                lat = c.y;
                lon = c.x;
                noiseClass = "construction";
                gridCode = null;
            } else {
                Grid g = grids.get(r.nextInt(grids.size()));
                Coordinate c = g.polygon().getInteriorPoint().getCoordinate();
                lat = c.y;
                lon = c.x;
                noiseClass =
                        GridGenerator.STREET_NOISE_CLASS[
                                (Integer.parseInt(g.streetCode()) - 1)
                                        % GridGenerator.STREET_NOISE_CLASS.length];
                gridCode = g.gridCode();
            }
            out.add(
                    new Device(
                            String.format("NS%04d", k + 1),
                            Device.Kind.NOISE_SENSOR,
                            GeoJson.round(lat),
                            GeoJson.round(lon),
                            null,
                            gridCode,
                            noiseClass));
        }
        return out;
    }
}
