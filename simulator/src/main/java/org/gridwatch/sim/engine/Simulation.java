package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.geo.LocalProjection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a scenario over a city: every officer, truck and sensor produces its events, merged in event
 * time, then the scenario's disorder is applied (out-of-order and late delivery, duplicates,
 * corrupt records) and the result goes to the sink. Deterministic: same city, scenario and seed,
 * same output.
 *
 * <p>This class is the event loop; {@link EntitySims} builds the generators and {@link Disorder}
 * applies the disorder.
 */
public final class Simulation {
    /**
     * What was produced, including the disorder injected (so every dead letter is explained).
     *
     * @param sentLate the records delivered late (as UTF-8 text), so that a late-event dead letter
     *     can be told apart from a valid event that a job wrongly declared late
     */
    public record Stats(
            Map<String, Long> eventsPerTopic,
            Map<String, Long> malformedPerKind,
            long duplicates,
            long outOfOrder,
            List<String> sentLate) {
        public long late() {
            return sentLate.size();
        }

        public long total() {
            return eventsPerTopic.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final City city;
    private final Scenario scenario;
    private final long start;
    private final long end;
    private final Truth truth;
    private volatile boolean stopped;

    public Simulation(City city, Scenario scenario) {
        if (scenario.start() == null) {
            throw new IllegalArgumentException("the scenario has no start time");
        }
        this.city = city;
        this.scenario = scenario;
        this.start = scenario.start().toEpochMilli();
        this.end = start + scenario.durationMinutes() * 60_000L;
        this.truth = new Truth(end);
    }

    /** The local date the scenario starts on: permits are issued for it. */
    public static LocalDate permitDate(Scenario s, java.time.ZoneId zone) {
        return s.start().atZone(zone).toLocalDate();
    }

    public void stop() {
        stopped = true;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /**
     * What every generator needs: the city, the scenario, the clock span, and where to record
     * ground truth.
     */
    public record Context(
            City city,
            Scenario scenario,
            LocalProjection projection,
            long start,
            long end,
            Truth truth) {
        public long seed(int family, int index) {
            return scenario.seed() * 1_000_003L + family * 1_000_000L + index;
        }
    }

    private List<EntitySim> entities() {
        Context ctx =
                new Context(
                        city,
                        scenario,
                        new LocalProjection(city.centerLat(), city.centerLon()),
                        start,
                        end,
                        truth);
        return EntitySims.all(ctx);
    }

    /** The ground truth of everything injected so far (complete once {@link #run} returns). */
    public Truth truth() {
        return truth;
    }

    /**
     * Sends the city's reference data (one {@code gridwatch.reference} UPSERT per object, stamped
     * with the scenario start) to the sink: what jobs without city files need before the feeds.
     */
    public void sendReference(EventSink sink) throws Exception {
        for (SimEvent e : ReferenceFeed.events(city, start)) {
            sink.accept(e);
        }
    }

    /** Produces every event of the scenario into the sink; returns what was produced. */
    public Stats run(EventSink sink) throws Exception {
        PriorityQueue<EntitySim> queue =
                new PriorityQueue<>(Comparator.comparingLong(EntitySim::nextTime));
        for (EntitySim e : entities()) {
            if (e.nextTime() != Long.MAX_VALUE) {
                queue.add(e);
            }
        }
        Disorder disorder = new Disorder(scenario, sink);
        while (!queue.isEmpty() && !stopped) {
            EntitySim e = queue.poll();
            SimEvent ev = e.step();
            if (ev != null) {
                disorder.accept(ev);
            }
            if (e.nextTime() != Long.MAX_VALUE) {
                queue.add(e);
            }
        }
        if (!stopped) {
            disorder.flush();
        }
        // The truth was written from the events as generated; what hinges on an event the
        // disorder delivered late becomes optional.
        truth.settle(disorder::deliveredLate);
        return disorder.stats();
    }

    /** First instant of the scenario. */
    public Instant startInstant() {
        return Instant.ofEpochMilli(start);
    }
}
