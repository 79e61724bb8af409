package org.gridwatch.sim.engine;

/**
 * One simulated entity (an officer, a truck, a sensor) producing its own events in event-time
 * order. The simulation merges all entities by {@link #nextTime()}.
 */
abstract class EntitySim {
    /**
     * Event time of the next event, or {@code Long.MAX_VALUE} when the entity has nothing more to
     * say.
     */
    abstract long nextTime();

    /**
     * Produces the event due at {@link #nextTime()} (or null if the step produced none) and
     * advances.
     */
    abstract SimEvent step();
}
