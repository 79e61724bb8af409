package org.gridwatch.common.city;

import java.time.ZoneId;
import java.util.List;

/**
 * All reference data of one city: what the jobs load at start and what the simulator moves people
 * and trucks through. Geometries are WGS-84 (x = longitude, y = latitude).
 */
public record City(
        String name,
        String districtCode,
        double centerLat,
        double centerLon,
        ZoneId zone,
        List<Grid> grids,
        List<Site> sites,
        List<Zone> zones,
        List<Permit> permits,
        List<Truck> trucks,
        List<Officer> officers,
        List<Device> devices) {

    public City {
        grids = List.copyOf(grids);
        sites = List.copyOf(sites);
        zones = List.copyOf(zones);
        permits = List.copyOf(permits);
        trucks = List.copyOf(trucks);
        officers = List.copyOf(officers);
        devices = List.copyOf(devices);
    }
}
