package org.gridwatch.sim.city;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.geo.LocalProjection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShopGeneratorTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-01");
    private static City small;
    private static LocalProjection proj;

    @BeforeAll
    static void generate() {
        small = CityGenerator.generate(1, CitySize.SMALL, DAY);
        proj = new LocalProjection(small.centerLat(), small.centerLon());
    }

    @Test
    void shouldBeTheSameForTheSameSeedAndDifferForAnother() {
        City again = CityGenerator.generate(1, CitySize.SMALL, DAY);
        assertThat(again.shops()).isEqualTo(small.shops());
        assertThat(CityGenerator.generate(2, CitySize.SMALL, DAY).shops())
                .isNotEqualTo(small.shops());
    }

    @Test
    void shouldPutThousandsOfShopsInMinhangAndScaleWithTheCity() {
        City minhang = CityGenerator.generate(1, CitySize.MINHANG, DAY);
        assertThat(minhang.shops()).hasSizeBetween(2500, 3200);
        assertThat(small.shops().size()).isBetween(100, 200);
        assertThat(minhang.devices().stream().filter(d -> d.deviceId().startsWith("SCAM")))
                .hasSizeGreaterThan(100);
    }

    @Test
    void frontagesShouldBe6To20MetresAlongAnArterialAFewMetresFromItsCentreLine() {
        List<double[]> arterials = CityPlane.of(1, CitySize.SMALL).roads().arterials();
        for (Shop s : small.shops()) {
            LineString m = (LineString) proj.toMetres(s.frontage());
            assertThat(m.getLength()).isBetween(5.95, 20.05);
            Coordinate a = m.getCoordinateN(0);
            Coordinate b = m.getCoordinateN(1);
            boolean along = false;
            for (double[] art : arterials) {
                boolean vertical = art[0] == art[2];
                double da = vertical ? Math.abs(a.x - art[0]) : Math.abs(a.y - art[1]);
                double db = vertical ? Math.abs(b.x - art[0]) : Math.abs(b.y - art[1]);
                along |= Math.abs(da - db) < 0.05 && da >= 8.9 && da <= 12.1;
            }
            assertThat(along).as("%s along an arterial", s.shopId()).isTrue();
        }
    }

    @Test
    void adjacentShopsShouldBeAtLeastTwoMetresApart() {
        List<Geometry> fronts =
                small.shops().stream().map(s -> proj.toMetres(s.frontage())).toList();
        for (int i = 0; i < fronts.size(); i++) {
            for (int j = i + 1; j < fronts.size(); j++) {
                assertThat(fronts.get(i).distance(fronts.get(j))).isGreaterThanOrEqualTo(2.0);
            }
        }
    }

    @Test
    void shouldCarryIdsNamesLicencesAddressesCategoriesAndTheirGrid() {
        Map<String, Grid> grids = new HashMap<>();
        small.grids().forEach(g -> grids.put(g.gridCode(), g));
        Set<String> ids = new HashSet<>();
        int unified = 0;
        int legacy = 0;
        for (Shop s : small.shops()) {
            assertThat(s.shopId()).matches("S\\d{5}");
            assertThat(ids.add(s.shopId())).isTrue();
            assertThat(s.name()).isNotBlank();
            assertThat(s.address()).matches("上海市闵行区\\S+路\\d+号");
            assertThat(s.category()).isIn("餐饮", "零售", "便利店", "维修", "美容美发", "五金建材", "水果生鲜");
            Coordinate mid = s.frontage().getCentroid().getCoordinate();
            assertThat(
                            grids.get(s.gridCode())
                                    .polygon()
                                    .buffer(1e-6)
                                    .contains(GeoJson.FACTORY.createPoint(mid)))
                    .isTrue();
            if (s.licence() != null && s.licence().length() == 18) {
                assertThat(CreditCode.validUnified(s.licence())).as(s.licence()).isTrue();
                unified++;
            } else if (s.licence() != null) {
                assertThat(CreditCode.validLegacy(s.licence())).as(s.licence()).isTrue();
                legacy++;
            }
        }
        int n = small.shops().size();
        assertThat(unified).isBetween((int) (n * 0.75), (int) (n * 0.95));
        assertThat(legacy).isPositive();
    }

    @Test
    void creditCodesShouldCarryTheGb32100CheckCharacter() {
        // A published example of the structure: 91350100M000100Y43 (check character 3).
        assertThat(CreditCode.CHARS.charAt(CreditCode.check("91350100M000100Y4"))).isEqualTo('3');
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 100; k++) {
            String c = CreditCode.unified("310112", r);
            assertThat(CreditCode.validUnified(c)).isTrue();
            char wrong = c.charAt(17) == '0' ? '1' : '0';
            assertThat(CreditCode.validUnified(c.substring(0, 17) + wrong)).isFalse();
            String l = CreditCode.legacy("310112", r);
            assertThat(CreditCode.validLegacy(l)).isTrue();
            assertThat(
                            CreditCode.validLegacy(
                                    l.substring(0, 14)
                                            + (char) ('0' + (l.charAt(14) - '0' + 1) % 10)))
                    .isFalse();
        }
    }

    @Test
    void shopCamerasShouldBeCamerasWithoutAStallSpot() {
        List<Device> cams =
                small.devices().stream().filter(d -> d.deviceId().startsWith("SCAM")).toList();
        assertThat(cams)
                .isNotEmpty()
                .allMatch(d -> d.kind() == Device.Kind.CAMERA && d.spotId() == null);
    }
}
