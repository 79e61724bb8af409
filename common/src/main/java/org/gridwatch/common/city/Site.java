package org.gridwatch.common.city;

import org.locationtech.jts.geom.Polygon;

/**
 * A construction site, a disposal site (消纳场) or a truck depot: where muck trucks may stop and load
 * or unload.
 */
public record Site(String siteId, Kind kind, String name, Polygon polygon) {
    public enum Kind {
        CONSTRUCTION,
        DISPOSAL,
        DEPOT
    }
}
