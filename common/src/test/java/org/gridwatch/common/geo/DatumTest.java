package org.gridwatch.common.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatumTest {
    // Near Tiananmen, Beijing: the input and outputs published in wandergis/coordtransform's
    // test/app.js (also the expected values of hutool's CoordinateUtilTest). Its forward transforms
    // are exact, so they must match to the last digits; its inverses are the one-step
    // approximation, off by up to ~1 m.
    private static final double BJ_LON = 116.404;
    private static final double BJ_LAT = 39.915;
    private static final double[] BJ_WGS84_TO_GCJ02 = {116.41024449916938, 39.91640428150164};
    private static final double[] BJ_GCJ02_TO_BD09 = {116.41036949371029, 39.92133699351021};
    private static final double[] BJ_BD09_TO_GCJ02_ONE_STEP = {
        116.39762729119315, 39.90865673957631
    };
    private static final double[] BJ_GCJ02_TO_WGS84_ONE_STEP = {
        116.39775550083061, 39.91359571849836
    };
    // (123, 45), Heilongjiang/Jilin border: hujiulong/gcoord's unit tests (5 decimals).
    private static final double[] HLJ_GCJ02_TO_WGS84 = {122.99395597, 44.99804071};
    private static final double[] HLJ_BD09_TO_WGS84 = {122.98762210, 44.99171540};

    private static final double ONE_METRE_IN_DEGREES = 1 / 111_000.0;

    @Test
    void forwardTransformsReproducePublishedValues() {
        assertThat(Datum.GCJ02.fromWgs84(BJ_LON, BJ_LAT))
                .containsExactly(BJ_WGS84_TO_GCJ02, within(1e-11));
        assertThat(Datum.convert(Datum.GCJ02, Datum.BD09, BJ_LON, BJ_LAT))
                .containsExactly(BJ_GCJ02_TO_BD09, within(1e-10));
    }

    @Test
    void inverseUndoesThePublishedForwardTransformExactly() {
        assertThat(Datum.GCJ02.toWgs84(BJ_WGS84_TO_GCJ02[0], BJ_WGS84_TO_GCJ02[1]))
                .containsExactly(new double[] {BJ_LON, BJ_LAT}, within(1e-11));
        assertThat(Datum.convert(Datum.BD09, Datum.GCJ02, BJ_GCJ02_TO_BD09[0], BJ_GCJ02_TO_BD09[1]))
                .containsExactly(new double[] {BJ_LON, BJ_LAT}, within(1e-10));
    }

    @Test
    void inverseAgreesWithPublishedApproximateInversesToAboutAMetre() {
        assertThat(Datum.GCJ02.toWgs84(BJ_LON, BJ_LAT))
                .containsExactly(BJ_GCJ02_TO_WGS84_ONE_STEP, within(2 * ONE_METRE_IN_DEGREES));
        assertThat(Datum.convert(Datum.BD09, Datum.GCJ02, BJ_LON, BJ_LAT))
                .containsExactly(BJ_BD09_TO_GCJ02_ONE_STEP, within(ONE_METRE_IN_DEGREES));
        assertThat(Datum.GCJ02.toWgs84(123, 45))
                .containsExactly(HLJ_GCJ02_TO_WGS84, within(2 * ONE_METRE_IN_DEGREES));
        assertThat(Datum.BD09.toWgs84(123, 45))
                .containsExactly(HLJ_BD09_TO_WGS84, within(2 * ONE_METRE_IN_DEGREES));
    }

    @Test
    void shanghaiPeoplesSquareIsShiftedAFewHundredMetresByGcj02AndFurtherByBd09() {
        double lon = 121.4737;
        double lat = 31.2304;
        LocalProjection p = new LocalProjection(lat, lon);
        double[] gcj = Datum.GCJ02.fromWgs84(lon, lat);
        double[] bd = Datum.BD09.fromWgs84(lon, lat);
        assertThat(Math.hypot(p.x(gcj[0]), p.y(gcj[1]))).isBetween(400.0, 700.0);
        assertThat(Math.hypot(p.x(bd[0]), p.y(bd[1]))).isBetween(1000.0, 1800.0);
    }

    @Test
    void roundTripAcrossChinaIsFarUnderAMetre() {
        double worstM = 0;
        for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
            for (double lon = 73.5; lon <= 135.0; lon += 0.5) {
                for (Datum d : Datum.values()) {
                    double[] there = d.fromWgs84(lon, lat);
                    double[] back = d.toWgs84(there[0], there[1]);
                    worstM = Math.max(worstM, metres(lon, lat, back[0], back[1]));
                    double[] wgs = d.toWgs84(lon, lat);
                    double[] again = d.fromWgs84(wgs[0], wgs[1]);
                    worstM = Math.max(worstM, metres(lon, lat, again[0], again[1]));
                }
            }
        }
        assertThat(worstM).as("worst round-trip error in metres").isLessThan(1.0).isLessThan(1e-4);
    }

    @Test
    void outsideChinaGcj02IsWgs84() {
        assertThat(Datum.GCJ02.fromWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
        assertThat(Datum.GCJ02.toWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
    }

    @Test
    void parsesNamesLeniently() {
        assertThat(Datum.parse("gcj02")).isEqualTo(Datum.GCJ02);
        assertThat(Datum.parse("GCJ-02")).isEqualTo(Datum.GCJ02);
        assertThat(Datum.parse("bd09")).isEqualTo(Datum.BD09);
        assertThat(Datum.parse("WGS-84")).isEqualTo(Datum.WGS84);
        assertThatThrownBy(() -> Datum.parse("cgcs2000"))
                .hasMessageContaining("wgs84, gcj02 or bd09");
    }

    private static double metres(double lon1, double lat1, double lon2, double lat2) {
        LocalProjection p = new LocalProjection(lat1, lon1);
        return Math.hypot(p.x(lon2), p.y(lat2));
    }
}
