package org.gridwatch.sim.city;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.rules.DailyWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * Assigns grid officers to a generated city: each community's grids are cut into neighbouring
 * groups, and each group gets an early and a late officer so that a grid is covered from 07:00 to
 * 22:00.
 */
final class OfficerGenerator {
    private OfficerGenerator() {}

    static List<Officer> officers(CityPlane plane, List<Grid> grids) {
        CitySize size = plane.size();
        OutlineLayout outline = plane.outline();
        List<Officer> out = new ArrayList<>();
        DailyWindow early = DailyWindow.parse("07:00", "15:00");
        DailyWindow late = DailyWindow.parse("14:00", "22:00");
        // Grids of one community, in code order, in groups: each group has an early and a late
        // officer.
        java.util.Map<String, List<Grid>> byCommunity = new java.util.TreeMap<>();
        for (Grid g : grids) {
            byCommunity
                    .computeIfAbsent(g.streetCode() + g.communityCode(), k -> new ArrayList<>())
                    .add(g);
        }
        int n = 0;
        for (List<Grid> community : byCommunity.values()) {
            for (List<Grid> group :
                    outline == null
                            ? consecutive(community, size.gridsPerOfficer())
                            : outline.nearbyGroups(
                                    community, size.gridsPerOfficer(), plane.proj())) {
                List<String> codes = group.stream().map(Grid::gridCode).toList();
                for (DailyWindow shift : List.of(early, late)) {
                    n++;
                    out.add(
                            new Officer(
                                    String.format("GW%05d", n),
                                    "网格员" + n,
                                    CityGenerator.DISTRICT_NAME,
                                    codes,
                                    shift));
                }
            }
        }
        return out;
    }

    /** Runs of {@code n} grids in code order: neighbours on a rectangular lattice. */
    private static List<List<Grid>> consecutive(List<Grid> grids, int n) {
        List<List<Grid>> out = new ArrayList<>();
        for (int k = 0; k < grids.size(); k += n) {
            out.add(grids.subList(k, Math.min(grids.size(), k + n)));
        }
        return out;
    }
}
