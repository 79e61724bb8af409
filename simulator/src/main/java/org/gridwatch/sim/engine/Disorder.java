package org.gridwatch.sim.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Applies the scenario's realism knobs between the generators and the sink: late and out-of-order
 * delivery, duplicates and corrupt copies, counted into {@link Simulation.Stats} so that every dead
 * letter is explained. It draws from a random stream of its own, so the feeds' events do not depend
 * on how much disorder is asked for.
 */
final class Disorder {
    private record Pending(long releaseAt, long seq, SimEvent event) {}

    private final Scenario s;
    private final EventSink sink;
    private final SplittableRandom r;
    private final PriorityQueue<Pending> delayed =
            new PriorityQueue<>(
                    Comparator.comparingLong(Pending::releaseAt).thenComparingLong(Pending::seq));
    private final Map<String, Long> perTopic = new LinkedHashMap<>();
    private final Map<String, Long> malformed = new LinkedHashMap<>();
    private long seq;
    private long duplicates;
    private long outOfOrder;
    private final List<String> sentLate = new ArrayList<>();
    private final Set<SimEvent.Id> lateIds = new HashSet<>();

    Disorder(Scenario s, EventSink sink) {
        this.s = s;
        this.sink = sink;
        this.r = new SplittableRandom(s.seed() * 7919 + 17);
    }

    void accept(SimEvent e) throws Exception {
        release(e.eventTime());
        SimEvent out = e;
        if (r.nextDouble() < s.malformedFraction()) {
            // A corrupt copy goes out next to the event: the dead-letter path is exercised without
            // taking away an event the ground truth relies on (a lost "case closed" would make a
            // correct overdue alert look false).
            emit(corrupt(e));
        }
        double roll = r.nextDouble();
        boolean late = roll < s.lateFraction();
        if (late) {
            sentLate.add(new String(out.value(), StandardCharsets.UTF_8));
            delayed.add(new Pending(e.eventTime() + s.lateSeconds() * 1000L, seq++, out));
        } else if (roll < s.lateFraction() + s.outOfOrderFraction()
                && s.outOfOrderMaxSeconds() > 0) {
            outOfOrder++;
            delayed.add(
                    new Pending(
                            e.eventTime() + 1 + r.nextLong(s.outOfOrderMaxSeconds() * 1000L),
                            seq++,
                            out));
        } else {
            emit(out);
        }
        if (r.nextDouble() < s.duplicateFraction()) {
            duplicates++;
            emit(out);
        } else if (late) {
            // A late event whose duplicate went out on time was not lost to the jobs.
            lateIds.add(e.id());
        }
    }

    /**
     * Whether the event with this id reached the sink only late (beyond the jobs' lateness bound),
     * with no copy on time: what the ground truth must not rely on.
     */
    boolean deliveredLate(SimEvent.Id id) {
        return lateIds.contains(id);
    }

    private void release(long now) throws Exception {
        while (!delayed.isEmpty() && delayed.peek().releaseAt() <= now) {
            emit(delayed.poll().event());
        }
    }

    void flush() throws Exception {
        release(Long.MAX_VALUE);
    }

    private void emit(SimEvent e) throws Exception {
        perTopic.merge(e.topic(), 1L, Long::sum);
        sink.accept(e);
    }

    /**
     * Three ways real feeds break: a cut-off record, a text where a number belongs, a missing id.
     */
    private SimEvent corrupt(SimEvent e) {
        String json = new String(e.value(), StandardCharsets.UTF_8);
        String kind;
        String bad;
        switch (r.nextInt(3)) {
            case 0 -> {
                kind = "truncated";
                bad = json.substring(0, json.length() / 2);
            }
            case 1 -> {
                kind = "text_for_number";
                bad = json.replaceFirst("\"lat\":[-0-9.]+", "\"lat\":\"north\"");
            }
            default -> {
                kind = "missing_id";
                bad = json.replaceFirst("\"(entityId|deviceId|eventId)\":\"[^\"]*\",", "");
            }
        }
        malformed.merge(kind, 1L, Long::sum);
        return new SimEvent(
                e.topic(), e.key(), e.eventTime(), bad.getBytes(StandardCharsets.UTF_8));
    }

    Simulation.Stats stats() {
        return new Simulation.Stats(
                Map.copyOf(perTopic),
                Map.copyOf(malformed),
                duplicates,
                outOfOrder,
                List.copyOf(sentLate));
    }
}
