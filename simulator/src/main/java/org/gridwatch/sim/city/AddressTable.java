package org.gridwatch.sim.city;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.locationtech.jts.geom.Coordinate;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated city's address table (门牌地址库): one door per grid at the grid's interior point,
 * {@code 莘松路1号}, {@code 七莘路1号} and so on, each text unique. Drawn from no random stream, so the
 * rest of the city and every scenario stay as they were; the simulator's complaints keep their
 * coordinates and never need it.
 */
final class AddressTable {
    /** Real roads of Minhang; their places here are made up. */
    private static final String[] ROADS = {
        "莘松路", "七莘路", "沪闵路", "春申路", "都市路", "莲花南路", "古美路", "虹梅路", "银都路", "剑川路"
    };

    private AddressTable() {}

    static List<Address> of(List<Grid> grids) {
        List<Address> out = new ArrayList<>(grids.size());
        for (int k = 0; k < grids.size(); k++) {
            Grid g = grids.get(k);
            Coordinate c = g.polygon().getInteriorPoint().getCoordinate();
            String text = ROADS[k % ROADS.length] + (k / ROADS.length * 2 + 1) + "号";
            out.add(
                    new Address(
                            String.format("ADDR%05d", k + 1),
                            text,
                            GeoJson.round(c.y),
                            GeoJson.round(c.x),
                            g.gridCode()));
        }
        return out;
    }
}
