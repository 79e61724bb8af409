package org.gridwatch.sim.city;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.sim.city.outline.DistrictOutline;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

import java.util.SplittableRandom;

/**
 * The plane in metres around the city centre that every part of a generated city is laid out on:
 * its size, the arterial roads, the real district outline (if any), the projection to WGS-84 and
 * the seeded random streams. Shared by the generators of grids, sites, zones, fleet, officers and
 * devices so that each draws from its own stream and the city stays the same for the same seed.
 *
 * @param outline the real district outline the city lies on, or null for a rectangular city
 */
record CityPlane(
        long seed,
        CitySize size,
        LocalProjection proj,
        double w,
        double h,
        RoadNetwork roads,
        OutlineLayout outline) {

    static CityPlane of(long seed, CitySize size) {
        LocalProjection proj =
                new LocalProjection(CityGenerator.CENTER_LAT, CityGenerator.CENTER_LON);
        double w = size.widthKm() * 1000;
        double h = size.heightKm() * 1000;
        return new CityPlane(
                seed,
                size,
                proj,
                w,
                h,
                new RoadNetwork(w, h, CityGenerator.ARTERIAL_SPACING_M),
                size.outline() == null
                        ? null
                        : new OutlineLayout(proj.toMetres(DistrictOutline.load(size.outline()))));
    }

    /**
     * Whether a point of the plane lies in the district at least {@code margin} metres from its
     * edge (always, for a rectangular city).
     */
    boolean inDistrict(double x, double y, double margin) {
        return outline == null || outline.contains(x, y, margin);
    }

    SplittableRandom random(long stream) {
        return new SplittableRandom(seed * 1_000_003L + stream);
    }

    Coordinate wgs(double x, double y) {
        return new Coordinate(GeoJson.round(proj.lon(x)), GeoJson.round(proj.lat(y)));
    }

    Polygon rect(double cx, double cy, double halfW, double halfH) {
        return GeoJson.FACTORY.createPolygon(
                new Coordinate[] {
                    wgs(cx - halfW, cy - halfH),
                    wgs(cx + halfW, cy - halfH),
                    wgs(cx + halfW, cy + halfH),
                    wgs(cx - halfW, cy + halfH),
                    wgs(cx - halfW, cy - halfH)
                });
    }

    double[] centre(Site s) {
        Coordinate c = s.polygon().getCentroid().getCoordinate();
        return new double[] {proj.x(c.x), proj.y(c.y)};
    }
}
