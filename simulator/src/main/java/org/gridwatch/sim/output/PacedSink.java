package org.gridwatch.sim.output;

import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.SimEvent;

/**
 * Releases events at a chosen speed: {@code speed} simulated seconds per wall-clock second, and
 * never an event whose time is still in the future (a demo that has caught up with now goes on at
 * real time). {@code speed <= 0} means as fast as possible.
 *
 * <p>Events before {@code catchUpUntil} (epoch ms) are released at once: a demo feeds its first
 * hours as a backlog so that the console opens on a city with a history (alerts, heatmaps), and
 * paces only what follows, from the first event at or after that instant.
 */
public final class PacedSink implements EventSink {
    private final EventSink delegate;
    private final double speed;
    private final long catchUpUntil;
    private long wallStart;
    private long simStart = Long.MIN_VALUE;
    private volatile boolean stopped;

    public PacedSink(EventSink delegate, double speed) {
        this(delegate, speed, Long.MIN_VALUE);
    }

    public PacedSink(EventSink delegate, double speed, long catchUpUntil) {
        this.delegate = delegate;
        this.speed = speed;
        this.catchUpUntil = catchUpUntil;
    }

    /**
     * Makes a waiting {@link #accept} return at once without sending (the simulation is being
     * stopped).
     */
    public void stop() {
        stopped = true;
    }

    @Override
    public void accept(SimEvent e) throws Exception {
        boolean backlog =
                e.eventTime() < catchUpUntil && e.eventTime() <= System.currentTimeMillis();
        if (speed > 0 && !backlog) {
            if (simStart == Long.MIN_VALUE) {
                simStart = e.eventTime();
                wallStart = System.currentTimeMillis();
            }
            long due =
                    Math.max(
                            wallStart + (long) ((e.eventTime() - simStart) / speed), e.eventTime());
            while (!stopped) {
                long wait = due - System.currentTimeMillis();
                if (wait <= 0) {
                    break;
                }
                Thread.sleep(Math.min(wait, 200));
            }
        }
        if (stopped) {
            return; // the simulation is being stopped: this event is not sent
        }
        delegate.accept(e);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
