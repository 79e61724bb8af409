package org.gridwatch.sim.city;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.LocalProjection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CityGeneratorTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-01");
    private static City city;
    private static LocalProjection proj;

    @BeforeAll
    static void generate() {
        city = CityGenerator.generate(1, CitySize.MINHANG, DAY);
        proj = new LocalProjection(city.centerLat(), city.centerLon());
    }

    @Test
    void shouldBeSizedLikeMinhang() {
        assertThat(city.grids()).hasSizeBetween(950, 1050);
        double km2 =
                city.grids().stream().mapToDouble(g -> proj.toMetres(g.polygon()).getArea()).sum()
                        / 1e6;
        assertThat(km2).isBetween(300.0, 450.0);
        assertThat(city.officers()).hasSizeGreaterThan(200);
        assertThat(city.trucks()).hasSize(300);
        assertThat(city.permits()).hasSize(270);
        assertThat(city.sites().stream().filter(s -> s.kind() == Site.Kind.CONSTRUCTION))
                .hasSize(60);
        assertThat(city.sites().stream().filter(s -> s.kind() == Site.Kind.DISPOSAL)).hasSize(6);
    }

    @Test
    void gridCodesShouldFollowTheNationalStructureAndBeUnique() {
        Set<String> codes = new HashSet<>();
        for (Grid g : city.grids()) {
            assertThat(g.gridCode())
                    .matches("310112\\d{3}\\d{3}\\d{2}")
                    .startsWith(g.districtCode() + g.streetCode() + g.communityCode());
            assertThat(codes.add(g.gridCode())).isTrue();
        }
    }

    @Test
    void gridsShouldTileTheDistrictWithoutOverlap() {
        double sum =
                city.grids().stream().mapToDouble(g -> proj.toMetres(g.polygon()).getArea()).sum();
        Geometry union =
                proj.toMetres(
                        org.gridwatch.common.city.GeoJson.FACTORY
                                .buildGeometry(city.grids().stream().map(Grid::polygon).toList())
                                .union());
        assertThat(union.getArea())
                .isCloseTo(sum, org.assertj.core.api.Assertions.within(sum * 1e-6));
    }

    @Test
    void everyGridShouldHaveAnOfficerOnEachShift() {
        Set<String> early = new HashSet<>();
        Set<String> late = new HashSet<>();
        city.officers()
                .forEach(
                        o ->
                                (o.shift().start().getHour() < 12 ? early : late)
                                        .addAll(o.gridCodes()));
        city.grids()
                .forEach(
                        g -> {
                            assertThat(early).contains(g.gridCode());
                            assertThat(late).contains(g.gridCode());
                        });
    }

    @Test
    void routesShouldRunFromTheSourceSiteToTheDisposalSiteAndAvoidProhibitedZones() {
        var sites = new java.util.HashMap<String, Site>();
        city.sites().forEach(s -> sites.put(s.siteId(), s));
        for (Permit p : city.permits()) {
            assertThat(sites.get(p.sourceSiteId()).kind()).isEqualTo(Site.Kind.CONSTRUCTION);
            assertThat(sites.get(p.disposalSiteId()).kind()).isEqualTo(Site.Kind.DISPOSAL);
            assertThat(sites.get(p.sourceSiteId()).polygon().contains(p.route().getStartPoint()))
                    .isTrue();
            assertThat(sites.get(p.disposalSiteId()).polygon().contains(p.route().getEndPoint()))
                    .isTrue();
            for (Zone z : city.zones()) {
                if (z.kind() == Zone.Kind.PROHIBITED_TRUCK) {
                    assertThat(proj.toMetres(z.polygon()).distance(proj.toMetres(p.route())))
                            .isGreaterThan(500);
                }
            }
        }
    }

    @Test
    void theSameSeedShouldGiveTheSameFilesAndAnotherSeedAnotherCity(@TempDir Path dir)
            throws Exception {
        CityFiles.write(city, dir.resolve("a"));
        CityFiles.write(CityGenerator.generate(1, CitySize.MINHANG, DAY), dir.resolve("b"));
        CityFiles.write(CityGenerator.generate(2, CitySize.MINHANG, DAY), dir.resolve("c"));
        for (String f :
                new String[] {
                    "grids.geojson",
                    "permits.geojson",
                    "officers.json",
                    "devices.json",
                    "zones.geojson"
                }) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
        assertThat(Files.readAllBytes(dir.resolve("a/permits.geojson")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c/permits.geojson")));
    }

    /**
     * Issue 19: one door per grid, inside it, each text unique, found through the reference as a
     * complaint would write it.
     */
    @Test
    void theAddressTableShouldPlaceEachDoorInItsGrid() {
        assertThat(city.addresses()).hasSameSizeAs(city.grids());
        assertThat(city.addresses())
                .extracting(org.gridwatch.common.city.Address::text)
                .doesNotHaveDuplicates();
        var ref = org.gridwatch.common.reference.CityReference.of(city);
        for (var a : city.addresses()) {
            assertThat(ref.gridAt(a.lat(), a.lon()).gridCode())
                    .as(a.text())
                    .isEqualTo(a.gridCode());
        }
        var first = city.addresses().get(0);
        assertThat(ref.findAddress("上海市闵行区" + first.text()).address()).isEqualTo(first);
    }

    @Test
    void filesShouldReadBackIntoTheSameCity(@TempDir Path dir) throws Exception {
        City small = CityGenerator.generate(3, CitySize.SMALL, DAY);
        CityFiles.write(small, dir);
        City back = CityFiles.read(dir);
        assertThat(back.grids()).hasSameSizeAs(small.grids());
        assertThat(back.grids().get(5).gridCode()).isEqualTo(small.grids().get(5).gridCode());
        assertThat(back.grids().get(5).polygon().equalsExact(small.grids().get(5).polygon(), 1e-9))
                .isTrue();
        assertThat(back.permits().get(0)).isEqualTo(small.permits().get(0));
        assertThat(back.officers()).isEqualTo(small.officers());
        assertThat(back.devices()).isEqualTo(small.devices());
        assertThat(back.addresses()).isNotEmpty().isEqualTo(small.addresses());
        assertThat(back.trucks()).isEqualTo(small.trucks());
        assertThat(back.zone()).isEqualTo(small.zone());
    }

    @Test
    void minhangShouldLieOnTheRealDistrictOutline() {
        Geometry outline =
                proj.toMetres(
                        org.gridwatch.sim.city.outline.DistrictOutline.load(
                                CitySize.MINHANG.outline()));
        assertThat(outline.getArea() / 1e6)
                .as("Minhang is 372 km²")
                .isBetween(372.0 * 0.95, 372.0 * 1.05);
        Geometry fence = outline.buffer(1);
        double km2 = 0;
        java.util.Map<String, Integer> perStreet = new java.util.TreeMap<>();
        for (Grid g : city.grids()) {
            Geometry m = proj.toMetres(g.polygon());
            assertThat(fence.contains(m)).as(g.gridCode()).isTrue();
            km2 += m.getArea() / 1e6;
            perStreet.merge(g.streetCode(), 1, Integer::sum);
        }
        System.out.printf(
                "Minhang: %d grids, %.1f km² (outline %.1f km²), grids per street %s%n",
                city.grids().size(), km2, outline.getArea() / 1e6, perStreet.values());
        assertThat(km2)
                .as("the grids cover the district")
                .isGreaterThan(outline.getArea() / 1e6 * 0.9);
        assertThat(perStreet).hasSize(14);
        assertThat(perStreet.values()).allSatisfy(n -> assertThat(n).isBetween(60, 80));
        for (Site s : city.sites()) {
            assertThat(outline.contains(proj.toMetres(s.polygon()))).as(s.siteId()).isTrue();
        }
        for (Zone z : city.zones()) {
            if (z.kind() == Zone.Kind.PROHIBITED_TRUCK) {
                assertThat(outline.contains(proj.toMetres(z.polygon()))).as(z.zoneId()).isTrue();
            }
        }
        for (var d : city.devices()) {
            assertThat(
                            fence.contains(
                                    proj.toMetres(
                                            GeoJson.FACTORY.createPoint(
                                                    new Coordinate(d.lon(), d.lat())))))
                    .as(d.deviceId())
                    .isTrue();
        }
    }

    @Test
    void anOfficersGridsShouldBeAWalkApart() {
        var byCode = new java.util.HashMap<String, Grid>();
        city.grids().forEach(g -> byCode.put(g.gridCode(), g));
        for (var o : city.officers()) {
            for (String a : o.gridCodes()) {
                for (String b : o.gridCodes()) {
                    double d =
                            proj.toMetres(byCode.get(a).polygon())
                                    .getCentroid()
                                    .distance(proj.toMetres(byCode.get(b).polygon()).getCentroid());
                    assertThat(d)
                            .as(o.officerId() + " " + a + " " + b)
                            .isLessThanOrEqualTo(
                                    2000 * Math.sqrt(2)); // at most 2 km apart along each axis
                }
            }
        }
    }

    @Test
    void theGeneratedCityShouldPassTheCityCheck(@TempDir Path dir) throws Exception {
        org.gridwatch.common.city.CityFiles.write(city, dir);
        assertThat(org.gridwatch.common.city.check.CityCheck.check(dir))
                .filteredOn(
                        p -> p.severity() == org.gridwatch.common.city.check.Problem.Severity.ERROR)
                .isEmpty();
    }

    @Test
    void theSmallCityShouldStayARectangle() {
        City small = CityGenerator.generate(1, CitySize.SMALL, DAY);
        assertThat(small.grids()).hasSize(8 * 7);
        assertThat(small.grids().get(0).gridCode()).isEqualTo("31011200100101");
    }
}
