package org.gridwatch.common.city;

import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Polygon;

/**
 * A unit grid (单元网格): the smallest area a patrol team answers for. The code follows GB/T 30428.1:
 * district (6 digits) + street (3) + community (3) + sequence (2).
 *
 * @param duty hours during which the grid must be patrolled
 * @param maxGapMinutes longest allowed time without an officer inside during duty hours
 */
public record Grid(
        String gridCode,
        String districtCode,
        String districtName,
        String streetCode,
        String streetName,
        String communityCode,
        String communityName,
        DailyWindow duty,
        int maxGapMinutes,
        Polygon polygon) {}
