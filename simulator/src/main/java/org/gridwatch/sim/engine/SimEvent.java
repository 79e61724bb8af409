package org.gridwatch.sim.engine;

/** One record the simulator produces: topic, key (the entity), event time and the JSON bytes. */
public record SimEvent(String topic, String key, long eventTime, byte[] value) {
    /**
     * What tells one event from another in the ground truth: its topic, key and event time. A truth
     * record names the events it hinges on by these, and {@link Disorder} says by these which
     * events it delivered late. Two events of one key at the same millisecond share an id; the only
     * effect is that a late one makes the truth that hinges on the other optional too (never the
     * reverse).
     */
    public record Id(String topic, String key, long time) {}

    public Id id() {
        return new Id(topic, key, eventTime);
    }
}
