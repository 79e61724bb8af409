package org.gridwatch.sim.output;

import org.gridwatch.sim.engine.SimEvent;

/**
 * Releases events at a chosen speed: {@code speed} simulated seconds per wall-clock second, and never
 * an event whose time is still in the future (a demo that has caught up with now goes on at real time).
 * {@code speed <= 0} means as fast as possible.
 */
public final class PacedSink implements EventSink {
    private final EventSink delegate;
    private final double speed;
    private final long wallStart;
    private long simStart = Long.MIN_VALUE;
    private volatile boolean stopped;

    public PacedSink(EventSink delegate, double speed) {
        this.delegate = delegate;
        this.speed = speed;
        this.wallStart = System.currentTimeMillis();
    }

    /** Makes a waiting {@link #accept} return at once without sending (the simulation is being stopped). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void accept(SimEvent e) throws Exception {
        if (speed > 0) {
            if (simStart == Long.MIN_VALUE) {
                simStart = e.eventTime();
            }
            long due = Math.max(wallStart + (long) ((e.eventTime() - simStart) / speed), e.eventTime());
            while (!stopped) {
                long wait = due - System.currentTimeMillis();
                if (wait <= 0) {
                    break;
                }
                Thread.sleep(Math.min(wait, 200));
            }
            if (stopped) {
                return; // the simulation is being stopped: this event is not sent
            }
        }
        delegate.accept(e);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
