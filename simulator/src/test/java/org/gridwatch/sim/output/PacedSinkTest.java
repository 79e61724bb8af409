package org.gridwatch.sim.output;

import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.SimEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacedSinkTest {
    private static final long HOUR = 3_600_000L;

    /** Wall-clock arrival of each event, in ms since the test began. */
    private static final class Arrivals implements EventSink {
        final long t0 = System.currentTimeMillis();
        final List<Long> at = new ArrayList<>();

        @Override
        public void accept(SimEvent event) {
            at.add(System.currentTimeMillis() - t0);
        }
    }

    private static SimEvent at(long time) {
        return new SimEvent("gridwatch.gps", "k", time, new byte[0]);
    }

    @Test
    void backlogGoesAtOnceThenPacingStartsFromTheFirstLiveEvent() throws Exception {
        long now = System.currentTimeMillis();
        Arrivals arrivals = new Arrivals();
        PacedSink paced = new PacedSink(arrivals, 2.0, now - HOUR);
        // Three hours of backlog at speed 2 would take 1.5 h; they must go without waiting.
        paced.accept(at(now - 4 * HOUR));
        paced.accept(at(now - 3 * HOUR));
        paced.accept(at(now - HOUR - 1));
        paced.accept(at(now - HOUR)); // first paced event: released at once
        paced.accept(
                at(now - HOUR + 1_000)); // one simulated second later at 2x: half a wall second
        assertEquals(5, arrivals.at.size());
        assertTrue(
                arrivals.at.get(3) < 400,
                "backlog and the first live event went without waiting: " + arrivals.at);
        long gap = arrivals.at.get(4) - arrivals.at.get(3);
        assertTrue(gap >= 450, "the live part is paced at 2x: " + arrivals.at);
    }

    @Test
    void backlogNeverRunsAheadOfTheClock() throws Exception {
        long now = System.currentTimeMillis();
        Arrivals arrivals = new Arrivals();
        // A catch-up instant in the future does not let future events out early.
        PacedSink paced = new PacedSink(arrivals, 1_000.0, now + HOUR);
        paced.accept(at(now - 1_000));
        paced.accept(at(now + 600));
        assertTrue(
                arrivals.at.get(1) >= 500,
                "an event from the future waits for its time: " + arrivals.at);
    }

    @Test
    void stoppedSinkDropsWaitingEvents() throws Exception {
        long now = System.currentTimeMillis();
        Arrivals arrivals = new Arrivals();
        PacedSink paced = new PacedSink(arrivals, 1.0);
        paced.accept(at(now - 10_000));
        paced.stop();
        paced.accept(at(now - 5_000));
        assertEquals(1, arrivals.at.size());
    }
}
