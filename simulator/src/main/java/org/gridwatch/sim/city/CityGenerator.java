package org.gridwatch.sim.city;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a demo city like Minhang district from a seed: the same seed and size always give the
 * same city, so only the generator is committed, not the files.
 *
 * <p>Layout, in metres on a plane around the centre: a lattice of slightly irregular unit grids
 * grouped into 14 streets and 5 communities each (for {@link CitySize#MINHANG} the lattice lies
 * over the district's real outline, WGS-84, see {@code resources/city/NOTICE-minhang-outline.md}:
 * the cells whose centre is inside, clipped to it, are the grids; streets are compact parts of
 * equal size, and every site, zone and device is inside the outline, so a truck's trip may still
 * cross a neighbour); arterial roads every 2.5 km; construction sites beside arterials; disposal
 * sites and depots near the edges; prohibited zones in the middle of blocks, far from any arterial.
 * Permitted routes follow the arterials, so a truck that keeps to its permit never enters a
 * prohibited zone.
 *
 * <p>This class only puts the city together; each part is drawn on a shared {@link CityPlane} by
 * {@link GridGenerator}, {@link SiteGenerator}, {@link ZoneGenerator}, {@link FleetGenerator},
 * {@link OfficerGenerator}, {@link DeviceGenerator} and {@link ShopGenerator} (street-front shops
 * along the arterials and the cameras watching them).
 */
public final class CityGenerator {
    public static final String DISTRICT_CODE = "310112";
    public static final String DISTRICT_NAME = "闵行区";
    public static final double CENTER_LAT = 31.11;
    public static final double CENTER_LON = 121.38;
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final double ARTERIAL_SPACING_M = 2500;

    private final LocalDate permitsIssued;
    private final CityPlane plane;

    private CityGenerator(long seed, CitySize size, LocalDate permitsIssued) {
        this.permitsIssued = permitsIssued;
        this.plane = CityPlane.of(seed, size);
    }

    /**
     * A city whose permits are valid from 30 days before to 90 days after {@code permitsIssued}.
     */
    public static City generate(long seed, CitySize size, LocalDate permitsIssued) {
        return new CityGenerator(seed, size, permitsIssued).build();
    }

    // Each generator draws from a random stream of its own (see CityPlane.random), so the order
    // below decides only which parts a later one can see, not what any part looks like.
    private City build() {
        List<Grid> grids = GridGenerator.grids(plane);
        List<Site> sites = new ArrayList<>();
        sites.addAll(SiteGenerator.constructionSites(plane));
        sites.addAll(
                SiteGenerator.edgeSites(
                        plane, Site.Kind.DISPOSAL, plane.size().disposalSites(), 300, "消纳场", 2));
        sites.addAll(
                SiteGenerator.edgeSites(
                        plane, Site.Kind.DEPOT, plane.size().depots(), 200, "车队停车场", 3));
        List<Zone> zones = new ArrayList<>(ZoneGenerator.prohibitedZones(plane));
        zones.addAll(ZoneGenerator.noiseZones(grids));
        List<Truck> trucks = FleetGenerator.trucks(plane);
        List<Permit> permits = FleetGenerator.permits(plane, trucks, sites, permitsIssued);
        List<Officer> officers = OfficerGenerator.officers(plane, grids);
        List<Device> devices = DeviceGenerator.devices(plane, grids, sites);
        List<Address> addresses = AddressTable.of(grids);
        ShopGenerator.Result shops = ShopGenerator.generate(plane, grids);
        devices = new ArrayList<>(devices);
        devices.addAll(shops.cameras());
        return new City(
                "GridWatch demo city ("
                        + (plane.outline() != null ? "Minhang district" : "small, Minhang-like")
                        + ", seed "
                        + plane.seed()
                        + ")",
                DISTRICT_CODE,
                CENTER_LAT,
                CENTER_LON,
                ZONE,
                grids,
                sites,
                zones,
                permits,
                trucks,
                officers,
                devices,
                addresses,
                shops.shops());
    }
}
