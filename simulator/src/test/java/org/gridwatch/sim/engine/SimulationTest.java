package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.IotParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.ReferenceParser;
import org.gridwatch.common.rules.NoiseLimits;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z"); // 19:30 in Shanghai
    private static City city;
    private static final List<SimEvent> events = new ArrayList<>();
    private static Simulation.Stats stats;

    @BeforeAll
    static void simulateADay() throws Exception {
        city = CityGenerator.generate(5, CitySize.SMALL, LocalDate.parse("2026-11-01"));
        Scenario clean = Scenario.load("clean").withStart(START, 24 * 60).withSeed(5);
        long t0 = System.nanoTime();
        stats = new Simulation(city, clean).run(events::add);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "simulated a small city's day: %,d events in %.2f s (%,.0f events/s)%n",
                events.size(), s, events.size() / s);
    }

    private static final GpsParser GPS =
            new GpsParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2);
    private static final IotParser IOT =
            new IotParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2);

    private static List<GpsPing> pings() throws InvalidInputException {
        List<GpsPing> out = new ArrayList<>();
        for (SimEvent e : events) {
            if (e.topic().equals(Topics.GPS)) {
                out.add(GPS.parse(e.value()));
            }
        }
        return out;
    }

    @Test
    void injectedViolationsShouldKeepTheFeedsInEventTimeOrderApartFromTheScenariosOwnDisorder()
            throws Exception {
        // The default scenario injects every violation (a truck's silence among them) and delays 1
        // % of events by up to 1 s; no event may come later than that behind one sent before it, or
        // a correct job would rightly declare it late.
        Scenario dflt = Scenario.load("default").withCitySize("small").withStart(START, 24 * 60);
        City defaultCity =
                CityGenerator.generate(
                        dflt.seed(), dflt.size(), Simulation.permitDate(dflt, CityGenerator.ZONE));
        List<SimEvent> sent = new ArrayList<>();
        Simulation.Stats s = new Simulation(defaultCity, dflt.withSeed(1)).run(sent::add);
        long maxDisorder = dflt.outOfOrderMaxSeconds() * 1000L;
        long highest = Long.MIN_VALUE;
        List<String> behind = new ArrayList<>();
        for (SimEvent e : sent) {
            if (highest != Long.MIN_VALUE && e.eventTime() < highest - maxDisorder) {
                behind.add(
                        Instant.ofEpochMilli(e.eventTime())
                                + " after "
                                + Instant.ofEpochMilli(highest)
                                + ": "
                                + new String(e.value()));
            }
            highest = Math.max(highest, e.eventTime());
        }
        assertThat(s.late()).isZero();
        assertThat(behind).isEmpty();
    }

    @Test
    void everyEventShouldParseAndComeInEventTimeOrder() throws Exception {
        long last = Long.MIN_VALUE;
        for (SimEvent e : events) {
            assertThat(e.eventTime()).isGreaterThanOrEqualTo(last);
            last = e.eventTime();
            if (e.topic().equals(Topics.GPS)) {
                assertThat(GPS.parse(e.value()).eventTime()).isEqualTo(e.eventTime());
            } else if (e.topic().equals(Topics.IOT)) {
                assertThat(IOT.parse(e.value()).eventTime()).isEqualTo(e.eventTime());
            }
        }
        assertThat(stats.eventsPerTopic()).containsKeys(Topics.GPS, Topics.IOT);
        assertThat(stats.malformedPerKind()).isEmpty();
        for (SimEvent e : ReferenceFeed.events(city, START.toEpochMilli())) {
            new ReferenceParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2).parse(e.value());
        }
    }

    @Test
    void officersShouldPingOnlyInsideTheirGridsDuringTheirShift() throws Exception {
        LocalProjection proj = new LocalProjection(city.centerLat(), city.centerLon());
        GeoIndex<Grid> grids = GeoIndex.build(proj, city.grids(), Grid::polygon);
        Map<String, Officer> officers = new HashMap<>();
        city.officers().forEach(o -> officers.put(o.officerId(), o));
        int n = 0;
        for (GpsPing p : pings()) {
            if (p.entityType() != EntityType.OFFICER) {
                continue;
            }
            n++;
            Officer o = officers.get(p.entityId());
            assertThat(o.shift().contains(p.eventTime(), city.zone())).isTrue();
            Grid g = grids.firstContaining(p.lat(), p.lon());
            assertThat(g).isNotNull();
        }
        assertThat(n).isGreaterThan(1000);
    }

    @Test
    void permittedTrucksShouldMoveOnlyOnTheirRouteWithinTheirHoursAndUnderTheLimit()
            throws Exception {
        LocalProjection proj = new LocalProjection(city.centerLat(), city.centerLon());
        Map<String, Permit> permits = new HashMap<>();
        city.permits().forEach(p -> permits.put(p.truckId(), p));
        int moving = 0;
        for (GpsPing p : pings()) {
            if (p.entityType() != EntityType.TRUCK || p.speedKmh() <= 5) {
                continue;
            }
            moving++;
            Permit permit = permits.get(p.entityId());
            assertThat(permit).as("only permitted trucks move").isNotNull();
            assertThat(permit.hours().contains(p.eventTime(), city.zone())).isTrue();
            assertThat(p.speedKmh()).isLessThanOrEqualTo(50);
            double d =
                    GeoIndex.distanceMetres(proj, proj.toMetres(permit.route()), p.lat(), p.lon());
            assertThat(d).isLessThan(100);
        }
        assertThat(moving).isGreaterThan(500);
    }

    @Test
    void noiseReadingsShouldStayUnderTheLimitInACleanCity() throws Exception {
        NoiseLimits limits = NoiseLimits.defaults(city.zone());
        Map<String, String> classes = new HashMap<>();
        city.devices().forEach(d -> classes.put(d.deviceId(), d.noiseClass()));
        for (SimEvent e : events) {
            if (e.topic().equals(Topics.IOT)) {
                IotEvent r = IOT.parse(e.value());
                if (r.kind() != org.gridwatch.common.model.IotEventKind.NOISE_READING) {
                    continue; // camera stall detections share the topic
                }
                assertThat(r.laeqDb())
                        .isLessThan(limits.limit(classes.get(r.deviceId()), r.eventTime() - 1));
                assertThat(
                                limits.isNightBurst(
                                        classes.get(r.deviceId()), r.eventTime() - 1, r.lmaxDb()))
                        .isFalse();
            }
        }
    }

    @Test
    void disorderKnobsShouldInjectWhatTheyPromise() throws Exception {
        Scenario noisy = Scenario.load("noisy").withStart(START, 6 * 60).withSeed(5);
        List<SimEvent> out = new ArrayList<>();
        Simulation.Stats s = new Simulation(city, noisy).run(out::add);
        long malformed = s.malformedPerKind().values().stream().mapToLong(Long::longValue).sum();
        assertThat(malformed).isGreaterThan(0);
        assertThat(s.duplicates()).isGreaterThan(0);
        assertThat(s.outOfOrder()).isGreaterThan(0);
        assertThat(s.late()).isGreaterThan(0);
        long unparseable = 0;
        for (SimEvent e : out) {
            try {
                if (e.topic().equals(Topics.GPS)) {
                    GPS.parse(e.value());
                } else {
                    IOT.parse(e.value());
                }
            } catch (InvalidInputException ex) {
                unparseable++;
            }
        }
        // Every corrupt record fails to parse (a duplicated corrupt record fails twice).
        assertThat(unparseable).isBetween(malformed, malformed + s.duplicates());
        assertThat(s.total()).isEqualTo(out.size());
    }
}
