package org.gridwatch.sim.city.outline;

import org.gridwatch.common.geo.LocalProjection;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutlineConversionTest {
    @Test
    void echartsEncodingIsZigZagDeltasIn1024thsOfADegree() {
        // 'B' = 66 -> 2 -> +1, 'A' = 65 -> 1 -> -1, '@' = 64 -> 0
        List<double[]> pts = EchartsMapConverter.decode("BA@B", 100, 200);
        assertThat(pts).hasSize(2);
        assertThat(pts.get(0)).containsExactly(101 / 1024.0, 199 / 1024.0);
        assertThat(pts.get(1)).containsExactly(101 / 1024.0, 200 / 1024.0);
    }

    @Test
    void gcj02ShiftsShanghaiByAFewHundredMetresAndConvertsBack() {
        double lon = 121.38;
        double lat = 31.11;
        double[] gcj = Gcj02.fromWgs84(lon, lat);
        LocalProjection p = new LocalProjection(lat, lon);
        double shiftM = Math.hypot(p.x(gcj[0]), p.y(gcj[1]));
        assertThat(shiftM).as("GCJ-02 offset in Shanghai").isBetween(300.0, 800.0);
        double[] back = Gcj02.toWgs84(gcj[0], gcj[1]);
        assertThat(back[0]).isCloseTo(lon, within(1e-8));
        assertThat(back[1]).isCloseTo(lat, within(1e-8));
    }

    @Test
    void theCommittedMinhangOutlineIsTheDistrictInWgs84() {
        Polygon outline = DistrictOutline.load("/city/minhang-outline.geojson");
        LocalProjection p = new LocalProjection(31.11, 121.38);
        assertThat(p.toMetres(outline).getArea() / 1e6).isBetween(360.0, 385.0);
        assertThat(outline.isValid()).isTrue();
        // Xinzhuang (the district seat) is inside; People's Square (Huangpu) is not
        assertThat(
                        outline.contains(
                                outline.getFactory()
                                        .createPoint(
                                                new org.locationtech.jts.geom.Coordinate(
                                                        121.385, 31.111))))
                .isTrue();
        assertThat(
                        outline.contains(
                                outline.getFactory()
                                        .createPoint(
                                                new org.locationtech.jts.geom.Coordinate(
                                                        121.475, 31.232))))
                .isFalse();
    }
}
