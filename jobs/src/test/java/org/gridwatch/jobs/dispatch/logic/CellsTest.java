package org.gridwatch.jobs.dispatch.logic;

import org.gridwatch.common.geo.LocalProjection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {
    private static final double R = DispatchRules.RADIUS_M;
    private static final double M_PER_DEG = Math.toRadians(1) * LocalProjection.EARTH_RADIUS_M;

    /** A point {@code distance} metres from (lat, lon) towards {@code bearing} (radians). */
    private static double[] offset(double lat, double lon, double distance, double bearing) {
        double dLat = distance * Math.cos(bearing) / M_PER_DEG;
        double dLon =
                distance * Math.sin(bearing) / (M_PER_DEG * Math.cos(Math.toRadians(lat + dLat)));
        return new double[] {lat + dLat, lon + dLon};
    }

    @ParameterizedTest
    @ValueSource(doubles = {31.1, -33.9, 0.0, 59.9, 69.6})
    void everyOfficerWithinTheRadiusShouldReachTheAlertsCell(double baseLat) {
        Random random = new Random(7);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            double lat = baseLat + random.nextDouble() * 0.5 - 0.25;
            double lon = 121.0 + random.nextDouble() * 0.5;
            // Mostly close to the radius: the edge is where a cell scheme goes wrong.
            double d =
                    random.nextBoolean()
                            ? R * (0.98 + 0.02 * random.nextDouble())
                            : R * random.nextDouble();
            double[] fix = offset(lat, lon, d, random.nextDouble() * 2 * Math.PI);
            if (LocalProjection.haversineMetres(lat, lon, fix[0], fix[1]) > R) {
                continue;
            }
            checked++;
            long alertCell = Cells.cellOf(lat, lon, R);
            long[] fixCells = Cells.cellsFor(fix[0], fix[1], R);
            assertThat(fixCells)
                    .as("fix %s for alert at %s,%s", Arrays.toString(fix), lat, lon)
                    .contains(alertCell);
        }
        assertThat(checked).isGreaterThan(15_000);
    }

    @ParameterizedTest
    @ValueSource(doubles = {31.1, -33.9, 0.0, 59.9, 69.6})
    void aFixShouldGoToItsOwnCellAndAtMostFourDistinctCells(double baseLat) {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            double lat = baseLat + random.nextDouble() - 0.5;
            double lon = -179 + random.nextDouble() * 358;
            long[] cells = Cells.cellsFor(lat, lon, R);
            assertThat(cells).hasSizeBetween(1, 4).doesNotHaveDuplicates();
            assertThat(cells).contains(Cells.cellOf(lat, lon, R));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {31.1, -33.9})
    void aFixFarFromTheAlertShouldNotShareItsCell(double lat) {
        // More than a cell and a radius apart: never in the same cell.
        double[] far = offset(lat, 121.4, 4 * R, 0.3);
        assertThat(Cells.cellsFor(far[0], far[1], R)).doesNotContain(Cells.cellOf(lat, 121.4, R));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 123_456, -98_765})
    void theKeyShouldKeepRowAndColumn(long n) {
        long key = Cells.key(n, -n * 3);
        assertThat(Cells.row(key)).isEqualTo((int) n);
        assertThat(Cells.col(key)).isEqualTo((int) (-n * 3));
    }
}
