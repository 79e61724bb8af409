package org.gridwatch.jobs;

import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Position;

/**
 * Where a workflow's results go. Production attaches Elasticsearch and Kafka sinks
 * ({@link ProductionOutputs}); tests attach collecting sinks.
 */
public record Outputs(
        Consumer<DataStream<Position>> positions,
        Consumer<DataStream<Alert>> alerts,
        Consumer<DataStream<DeadLetter>> deadLetters) {}
