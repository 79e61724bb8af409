package org.gridwatch.common.city;

import org.gridwatch.common.rules.DailyWindow;

import java.util.List;

/** A patrol officer (网格员 / 城管队员) with the grids they answer for and their shift. */
public record Officer(
        String officerId,
        String name,
        String districtName,
        List<String> gridCodes,
        DailyWindow shift) {
    public Officer {
        gridCodes = List.copyOf(gridCodes);
    }
}
