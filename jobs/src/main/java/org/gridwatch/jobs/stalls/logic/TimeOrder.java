package org.gridwatch.jobs.stalls.logic;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.jobs.stalls.SpotEvent;

/** Events waiting for the watermark, sorted by event time (ties keep arrival order). A POJO for keyed state. */
public final class TimeOrder {
    public List<SpotEvent> pending = new ArrayList<>();

    public TimeOrder() {}

    public void add(SpotEvent e) {
        int i = pending.size();
        while (i > 0 && pending.get(i - 1).time() > e.time()) {
            i--;
        }
        pending.add(i, e);
    }

    /** Removes and returns the events at or before {@code to}, oldest first. */
    public List<SpotEvent> drain(long to) {
        int n = 0;
        while (n < pending.size() && pending.get(n).time() <= to) {
            n++;
        }
        List<SpotEvent> out = new ArrayList<>(pending.subList(0, n));
        pending.subList(0, n).clear();
        return out;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }
}
