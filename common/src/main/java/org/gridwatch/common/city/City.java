package org.gridwatch.common.city;

import java.time.ZoneId;
import java.util.List;

/**
 * All reference data of one city: what the jobs load at start and what the simulator moves people
 * and trucks through. Geometries are WGS-84 (x = longitude, y = latitude). {@code addresses} is the
 * door-plate table (门牌地址库), empty when the city has none; {@code shops} the street-front shops on
 * file (一店一档), empty when the city has none.
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
        List<Device> devices,
        List<Address> addresses,
        List<Shop> shops) {

    /** A city without shops on file. */
    public City(
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
            List<Device> devices,
            List<Address> addresses) {
        this(
                name,
                districtCode,
                centerLat,
                centerLon,
                zone,
                grids,
                sites,
                zones,
                permits,
                trucks,
                officers,
                devices,
                addresses,
                List.of());
    }

    /** A city without an address table. */
    public City(
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
        this(
                name,
                districtCode,
                centerLat,
                centerLon,
                zone,
                grids,
                sites,
                zones,
                permits,
                trucks,
                officers,
                devices,
                List.of());
    }

    public City {
        grids = List.copyOf(grids);
        sites = List.copyOf(sites);
        zones = List.copyOf(zones);
        permits = List.copyOf(permits);
        trucks = List.copyOf(trucks);
        officers = List.copyOf(officers);
        devices = List.copyOf(devices);
        addresses = List.copyOf(addresses);
        shops = List.copyOf(shops);
    }
}
