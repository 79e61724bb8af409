package org.gridwatch.common.city;

import org.locationtech.jts.geom.Geometry;

/**
 * A street-front shop on file (一店一档): what its violations, inspections, complaints and cases are
 * attributed to. The frontage is where the shop meets the pavement, a point or a short LineString
 * along the street (WGS-84); events are attributed to the shop whose frontage is nearest.
 *
 * @param shopId the file's id
 * @param name the shop's sign name (店招)
 * @param licence unified social credit code (统一社会信用代码, 18 characters) or business licence number,
 *     or null
 * @param address door-plate address, or null
 * @param category business category (餐饮, 零售, 维修, ...), or null
 * @param frontage a Point or LineString
 * @param gridCode the unit grid the frontage lies in, or null
 */
public record Shop(
        String shopId,
        String name,
        String licence,
        String address,
        String category,
        Geometry frontage,
        String gridCode) {}
