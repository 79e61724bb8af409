package org.gridwatch.common.flink;

import java.io.Serializable;

/**
 * How far behind an earlier event of its partition an event may come and still be used (see {@link
 * PartitionLateness}).
 */
@FunctionalInterface
public interface LateTolerance<T> extends Serializable {
    long toleranceMs(T event);

    static <T> LateTolerance<T> fixed(long ms) {
        return event -> ms;
    }
}
