package org.gridwatch.common.flink;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyed inputs held until the watermark passes them, then handed back in event-time order: each
 * input is stored under its event time with an event-time timer at that time, and the timer drains
 * that entry. Adding costs one small map write, not a rewrite of everything buffered, and entries
 * leave state as they are drained (the clearing rule). Timers fire in timestamp order, so draining
 * each timer's own time yields inputs oldest first; inputs with equal times keep their arrival
 * order.
 *
 * <p>Use: {@link #descriptor} in {@code open}, {@link #add} in {@code processElement}, {@link
 * #drain} with the timer's timestamp in {@code onTimer}. A function that also deletes timers of its
 * own must not delete one the buffer {@link #holds} (timers are per key and time, so they can
 * coincide).
 */
public final class EventTimeBuffer<E> {
    private final MapState<Long, List<E>> byTime;

    public EventTimeBuffer(MapState<Long, List<E>> byTime) {
        this.byTime = byTime;
    }

    /**
     * The state behind a buffer of {@code type} (a POJO or record, so no generic serializer is
     * needed).
     */
    public static <E> MapStateDescriptor<Long, List<E>> descriptor(String name, Class<E> type) {
        return new MapStateDescriptor<>(name, Types.LONG, Types.LIST(TypeInformation.of(type)));
    }

    public void add(E element, long eventTime, TimerService timers) throws Exception {
        List<E> at = byTime.get(eventTime);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(element);
        byTime.put(eventTime, at);
        timers.registerEventTimeTimer(eventTime);
    }

    /**
     * Removes and returns the inputs buffered at exactly {@code eventTime} (empty if none), in
     * arrival order.
     */
    public List<E> drain(long eventTime) throws Exception {
        List<E> at = byTime.get(eventTime);
        if (at == null) {
            return List.of();
        }
        byTime.remove(eventTime);
        return at;
    }

    /** True when inputs wait at exactly this time: its timer must not be deleted by anyone else. */
    public boolean holds(long eventTime) throws Exception {
        return byTime.contains(eventTime);
    }

    /** Drops everything buffered (the key is being forgotten). */
    public void clear() {
        byTime.clear();
    }

    public boolean isEmpty() throws Exception {
        return byTime.isEmpty();
    }
}
