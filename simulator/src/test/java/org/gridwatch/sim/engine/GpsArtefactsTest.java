package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each GPS artefact knob, alone, against the same small day without it: the terminal's faults draw
 * from a stream of their own, so the two runs write the same pings except for the artefacts, which
 * a ping-by-ping comparison therefore finds and counts. The base is {@code clean} (no noise, no
 * disorder), so a ping without an artefact is at its true place.
 */
class GpsArtefactsTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");
    private static final GpsParser GPS =
            new GpsParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2);
    private static City city;
    private static LocalProjection proj;
    private static Map<String, List<Fix>> base;

    /**
     * One written truck ping: time, plane position, reported speed (NaN when absent), the raw
     * record.
     */
    record Fix(long t, double x, double y, double speed, String raw) {}

    @BeforeAll
    static void baseDay() throws Exception {
        city = CityGenerator.generate(3, CitySize.SMALL, LocalDate.parse("2026-11-01"));
        proj = new LocalProjection(city.centerLat(), city.centerLon());
        base = truckFixes(GpsArtefacts.NONE);
    }

    private static Scenario clean(GpsArtefacts a) throws Exception {
        return Scenario.load("clean")
                .withCitySize("small")
                .withStart(START, 24 * 60)
                .withSeed(3)
                .withGpsArtefacts(a);
    }

    private static Map<String, List<Fix>> truckFixes(GpsArtefacts a) throws Exception {
        Map<String, List<Fix>> out = new TreeMap<>();
        new Simulation(city, clean(a))
                .run(
                        e -> {
                            if (!e.topic().equals(Topics.GPS)) {
                                return;
                            }
                            JsonNode n = Json.MAPPER.readTree(e.value());
                            if (!n.path("entityType").asText().equals("TRUCK")) {
                                return;
                            }
                            out.computeIfAbsent(e.key(), k -> new ArrayList<>())
                                    .add(
                                            new Fix(
                                                    e.eventTime(),
                                                    proj.x(n.path("lon").asDouble()),
                                                    proj.y(n.path("lat").asDouble()),
                                                    n.has("speed")
                                                            ? n.path("speed").asDouble()
                                                            : Double.NaN,
                                                    new String(e.value(), StandardCharsets.UTF_8)));
                        });
        return out;
    }

    private static long count(Map<String, List<Fix>> fixes) {
        return fixes.values().stream().mapToLong(List::size).sum();
    }

    /**
     * Pairs each truck's fixes with the base day's by time (the first written at a time); returns
     * the offset of each, in metres.
     */
    private static List<double[]> offsets(Map<String, List<Fix>> day) {
        List<double[]> out = new ArrayList<>();
        base.forEach(
                (truck, fixes) -> {
                    Map<Long, Fix> byTime = new HashMap<>();
                    for (Fix f : day.getOrDefault(truck, List.of())) {
                        byTime.putIfAbsent(f.t(), f);
                    }
                    for (Fix b : fixes) {
                        Fix f = byTime.get(b.t());
                        if (f != null) {
                            out.add(
                                    new double[] {
                                        f.x() - b.x(),
                                        f.y() - b.y(),
                                        b.speed(),
                                        Math.hypot(f.x() - b.x(), f.y() - b.y())
                                    });
                        }
                    }
                });
        return out;
    }

    private static GpsArtefacts only(String knob, double value) {
        double[] v = new double[7];
        v[
                        List.of("multipath", "drift", "bias", "gap", "repeat", "noSpeed", "spike")
                                .indexOf(knob)] =
                value;
        return new GpsArtefacts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    @Test
    void multipathPutsSingleFixes100To1000MetresOffAtItsRate() throws Exception {
        List<double[]> off = offsets(truckFixes(only("multipath", 0.02)));
        assertThat(off).hasSize((int) count(base));
        long jumped = off.stream().filter(o -> o[3] > 1).count();
        System.out.printf("multipath 0.02: %d of %d fixes%n", jumped, off.size());
        assertThat(off)
                .allSatisfy(o -> assertThat(o[3] <= 1 || (o[3] >= 99 && o[3] <= 1001)).isTrue());
        assertThat((double) jumped / off.size()).isBetween(0.016, 0.024);
    }

    @Test
    void biasRunsOffsetTwoOrThreeFixesTheSameWay() throws Exception {
        Map<String, List<Fix>> day = truckFixes(only("bias", 0.01));
        List<Integer> runs = new ArrayList<>();
        base.forEach(
                (truck, fixes) -> {
                    List<Fix> d = day.get(truck);
                    assertThat(d).hasSameSizeAs(fixes);
                    double[] last = null;
                    int len = 0;
                    for (int i = 0; i <= fixes.size(); i++) {
                        double[] o =
                                i == fixes.size()
                                        ? null
                                        : new double[] {
                                            d.get(i).x() - fixes.get(i).x(),
                                            d.get(i).y() - fixes.get(i).y()
                                        };
                        boolean offset = o != null && Math.hypot(o[0], o[1]) > 1;
                        if (offset) {
                            assertThat(Math.hypot(o[0], o[1])).isBetween(49.0, 151.0);
                        }
                        if (offset
                                && last != null
                                && Math.hypot(o[0] - last[0], o[1] - last[1]) < 1) {
                            len++;
                        } else {
                            if (len > 0) {
                                runs.add(len);
                            }
                            len = offset ? 1 : 0;
                        }
                        last = offset ? o : null;
                    }
                });
        System.out.printf(
                "bias runs 0.01: %d runs over %d fixes, lengths %s%n",
                runs.size(),
                count(base),
                runs.stream()
                        .collect(
                                java.util.stream.Collectors.groupingBy(
                                        x -> x,
                                        TreeMap::new,
                                        java.util.stream.Collectors.counting())));
        // two runs back to back in the same direction would merge: practically never
        assertThat(runs).allSatisfy(l -> assertThat(l).isBetween(2, 3));
        double fixesFree =
                count(base) - runs.stream().mapToInt(Integer::intValue).sum() + runs.size();
        assertThat(runs.size() / fixesFree).isBetween(0.008, 0.012);
    }

    @Test
    void standingTrucksDriftAsAWalkAndMovingOnesDoNot() throws Exception {
        List<double[]> off = offsets(truckFixes(only("drift", 10)));
        List<double[]> standing = off.stream().filter(o -> o[2] == 0).toList();
        assertThat(off.stream().filter(o -> o[2] > 0))
                .allSatisfy(o -> assertThat(o[3]).isLessThan(1));
        double rms =
                Math.sqrt(
                        standing.stream()
                                .mapToDouble(o -> (o[0] * o[0] + o[1] * o[1]) / 2)
                                .average()
                                .orElse(0));
        double max = standing.stream().mapToDouble(o -> o[3]).max().orElse(0);
        System.out.printf(
                "drift 10 m: %d standing fixes, rms %.1f m per axis, max %.1f m%n",
                standing.size(), rms, max);
        assertThat(rms).isBetween(7.0, 13.0);
        assertThat(max).isLessThan(80);
        // a walk, not independent noise: consecutive standing fixes are much closer to each other
        // than to the true place
        double step = 0;
        int n = 0;
        for (int i = 1; i < standing.size(); i++) {
            step +=
                    Math.hypot(
                            standing.get(i)[0] - standing.get(i - 1)[0],
                            standing.get(i)[1] - standing.get(i - 1)[1]);
            n++;
        }
        assertThat(step / n).isLessThan(rms);
    }

    @Test
    void recordingGapsSkipPingsButNeverLeaveThreeMinutesOfSilence() throws Exception {
        Map<String, List<Fix>> day = truckFixes(only("gap", 0.01));
        long missing = count(base) - count(day);
        long longestBase = 0;
        long longest = 0;
        for (var e : base.entrySet()) {
            longestBase = Math.max(longestBase, longestSilence(e.getValue(), 60_000));
            longest = Math.max(longest, longestSilence(day.get(e.getKey()), 60_000));
        }
        System.out.printf(
                "gaps 0.01: %d of %d pings not written; longest silence among moving pings %d s (without gaps %d s)%n",
                missing, count(base), longest / 1000, longestBase / 1000);
        assertThat(missing).isGreaterThan(count(base) / 200);
        assertThat(longest).isGreaterThan(60_000).isLessThanOrEqualTo(TruckTerminal.MAX_SILENCE_MS);
        // the written pings are the base day's, with some left out
        base.forEach(
                (truck, fixes) ->
                        assertThat(fixes.stream().map(Fix::raw).toList())
                                .containsAll(day.get(truck).stream().map(Fix::raw).toList()));
    }

    /**
     * The longest silence between consecutive pings of a truck that was pinging at most {@code
     * regularMs} apart around it.
     */
    private static long longestSilence(List<Fix> fixes, long regularMs) {
        long longest = 0;
        for (int i = 2; i < fixes.size(); i++) {
            long before = fixes.get(i - 1).t() - fixes.get(i - 2).t();
            long gap = fixes.get(i).t() - fixes.get(i - 1).t();
            if (before <= regularMs || gap <= regularMs) {
                longest = Math.max(longest, gap);
            }
        }
        return longest;
    }

    @Test
    void repeatedTimesAreExactDuplicatesOrSlightlyMovedCopies() throws Exception {
        Map<String, List<Fix>> day = truckFixes(only("repeat", 0.02));
        long exact = 0;
        long moved = 0;
        for (List<Fix> fixes : day.values()) {
            for (int i = 1; i < fixes.size(); i++) {
                Fix a = fixes.get(i - 1);
                Fix b = fixes.get(i);
                if (a.t() == b.t()) {
                    double d = Math.hypot(a.x() - b.x(), a.y() - b.y());
                    if (a.raw().equals(b.raw())) {
                        exact++;
                    } else {
                        assertThat(d).isBetween(4.0, 21.0);
                        moved++;
                    }
                }
            }
        }
        System.out.printf(
                "repeated times 0.02: %d exact, %d moved, over %d pings%n",
                exact, moved, count(base));
        assertThat(count(day)).isEqualTo(count(base) + exact + moved);
        assertThat((double) (exact + moved) / count(base)).isBetween(0.016, 0.024);
        assertThat((double) exact / (exact + moved)).isBetween(0.4, 0.6);
        assertThat(offsets(day)).allSatisfy(o -> assertThat(o[3]).isLessThan(1));
    }

    @Test
    void terminalsWithoutSpeedOmitItInEveryRecord() throws Exception {
        Map<String, List<Fix>> day = truckFixes(only("noSpeed", 0.5));
        long without = 0;
        for (var e : day.entrySet()) {
            long none = e.getValue().stream().filter(f -> Double.isNaN(f.speed())).count();
            assertThat(none).as(e.getKey()).isIn(0L, (long) e.getValue().size());
            if (none > 0) {
                without++;
                GpsPing p = GPS.parse(e.getValue().get(0).raw().getBytes(StandardCharsets.UTF_8));
                assertThat(p.speedMissing()).isTrue();
            }
        }
        System.out.printf("no speed 0.5: %d of %d trucks%n", without, day.size());
        assertThat((double) without / day.size()).isBetween(0.3, 0.7);
        assertThat(offsets(day)).allSatisfy(o -> assertThat(o[3]).isLessThan(1));
    }

    @Test
    void speedSpikesReportAnAbsurdSpeedTheParserStillAccepts() throws Exception {
        Map<String, List<Fix>> day = truckFixes(only("spike", 0.01));
        long spikes = 0;
        for (List<Fix> fixes : day.values()) {
            for (Fix f : fixes) {
                if (f.speed() >= 150) {
                    spikes++;
                    assertThat(f.speed()).isLessThan(250);
                    assertThat(GPS.parse(f.raw().getBytes(StandardCharsets.UTF_8)).speedKmh())
                            .isEqualTo(f.speed());
                }
            }
        }
        System.out.printf("speed spikes 0.01: %d of %d pings%n", spikes, count(day));
        assertThat((double) spikes / count(day)).isBetween(0.008, 0.012);
    }

    @Test
    void theTruthIsJudgedOnTruePositionsWhateverTheArtefacts() throws Exception {
        City minhangLike = CityGenerator.generate(1, CitySize.SMALL, LocalDate.parse("2026-11-01"));
        Scenario noisy = Scenario.load("noisy").withCitySize("small").withStart(START, 24 * 60);
        assertThat(noisy.gpsArtefacts().any()).isTrue();
        Simulation with = new Simulation(minhangLike, noisy);
        Simulation without = new Simulation(minhangLike, noisy.withGpsArtefacts(GpsArtefacts.NONE));
        long[] n = new long[2];
        with.run(e -> n[0]++);
        without.run(e -> n[1]++);
        assertThat(n[0]).isNotEqualTo(n[1]);
        assertThat(with.truth().records()).isNotEmpty().isEqualTo(without.truth().records());
        assertThat(with.truth().nearMisses()).isEqualTo(without.truth().nearMisses());
    }

    @Test
    void knobsAreCheckedAndTheBuiltInsUseThem() throws Exception {
        assertThat(Scenario.load("default").gpsArtefacts()).isEqualTo(GpsArtefacts.NONE);
        assertThat(Scenario.load("lawful").gpsArtefacts()).isEqualTo(GpsArtefacts.NONE);
        Scenario lawfulNoisy = Scenario.load("lawful-noisy");
        assertThat(lawfulNoisy.gpsArtefacts()).isEqualTo(Scenario.load("noisy").gpsArtefacts());
        assertThat(lawfulNoisy.violations()).isEmpty();
        // lawful in every other field
        assertThat(
                        lawfulNoisy
                                .withGpsArtefacts(GpsArtefacts.NONE)
                                .toString()
                                .replace("name=lawful-noisy", "name=lawful"))
                .isEqualTo(Scenario.load("lawful").toString());
        assertThatThrownBy(
                        () ->
                                Scenario.parse(
                                        "{\"gpsArtefacts\":{\"multipath\":0.1}}"
                                                .getBytes(StandardCharsets.UTF_8),
                                        "x"))
                .hasMessageContaining("gpsArtefacts.multipath");
        assertThatThrownBy(
                        () ->
                                Scenario.parse(
                                        "{\"gpsArtefacts\":{\"gapRate\":0.5}}"
                                                .getBytes(StandardCharsets.UTF_8),
                                        "x"))
                .hasMessageContaining("between 0 and 0.1");
        assertThat(Arrays.asList(GpsArtefacts.class.getRecordComponents()).size()).isEqualTo(7);
    }
}
