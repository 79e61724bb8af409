package org.gridwatch.common.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoIndexTest {
    private static final GeometryFactory F = new GeometryFactory();
    private static final LocalProjection SHANGHAI = new LocalProjection(31.11, 121.38);

    record Area(String id, Geometry geometry) {}

    /** A square of {@code sideM} metres with its south-west corner at (lat, lon). */
    static Geometry square(double lat, double lon, double sideM) {
        double dLat = SHANGHAI.lat(sideM) - SHANGHAI.lat(0);
        double dLon = SHANGHAI.lon(sideM) - SHANGHAI.lon(0);
        return F.createPolygon(
                new Coordinate[] {
                    new Coordinate(lon, lat),
                    new Coordinate(lon + dLon, lat),
                    new Coordinate(lon + dLon, lat + dLat),
                    new Coordinate(lon, lat + dLat),
                    new Coordinate(lon, lat)
                });
    }

    @Test
    void projectionShouldAgreeWithGreatCircleDistanceAtCityScale() {
        double lat2 = 31.25;
        double lon2 = 121.55;
        double dx = SHANGHAI.x(lon2) - SHANGHAI.x(121.38);
        double dy = SHANGHAI.y(lat2) - SHANGHAI.y(31.11);
        double planar = Math.hypot(dx, dy);
        double sphere = LocalProjection.haversineMetres(31.11, 121.38, lat2, lon2);
        assertThat(planar).isCloseTo(sphere, within(sphere * 0.001));
    }

    @Test
    void shouldFindTheAreaContainingAPointAndNothingOutside() {
        List<Area> grid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                double lat = SHANGHAI.lat(i * 500.0);
                double lon = SHANGHAI.lon(j * 500.0);
                grid.add(new Area(i + "-" + j, square(lat, lon, 500)));
            }
        }
        GeoIndex<Area> index = GeoIndex.build(SHANGHAI, grid, Area::geometry);
        assertThat(index.firstContaining(SHANGHAI.lat(1_250), SHANGHAI.lon(2_750)).id())
                .isEqualTo("2-5");
        assertThat(index.firstContaining(SHANGHAI.lat(-10), SHANGHAI.lon(100))).isNull();
    }

    @Test
    void marginShouldBeMeasuredInMetresOnTheGround() {
        GeoIndex<Area> index =
                GeoIndex.build(
                        SHANGHAI,
                        List.of(new Area("site", square(31.11, 121.38, 100))),
                        Area::geometry);
        double lat = SHANGHAI.lat(50);
        // 40 m east of the site's east edge: inside a 50 m margin, outside a 30 m one.
        double lon = SHANGHAI.lon(140);
        assertThat(index.anyWithin(lat, lon, 0)).isFalse();
        assertThat(index.anyWithin(lat, lon, 30)).isFalse();
        assertThat(index.anyWithin(lat, lon, 50)).isTrue();
        assertThat(index.within(lat, lon, 50)).extracting(Area::id).containsExactly("site");
    }

    @Test
    void distanceToALineShouldBeInMetres() {
        Geometry route =
                F.createLineString(
                        new Coordinate[] {
                            new Coordinate(121.38, 31.11), new Coordinate(SHANGHAI.lon(1000), 31.11)
                        });
        Geometry metres = SHANGHAI.toMetres(route);
        double d = GeoIndex.distanceMetres(SHANGHAI, metres, SHANGHAI.lat(120), SHANGHAI.lon(500));
        assertThat(d).isCloseTo(120, within(0.01));
    }
}
