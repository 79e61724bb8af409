package org.gridwatch.sim.engine;

/** One record the simulator produces: topic, key (the entity), event time and the JSON bytes. */
public record SimEvent(String topic, String key, long eventTime, byte[] value) {}
