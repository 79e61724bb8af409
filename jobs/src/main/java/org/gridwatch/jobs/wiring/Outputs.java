package org.gridwatch.jobs.wiring;

import org.apache.flink.streaming.api.datastream.DataStream;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Position;

import java.util.function.Consumer;

/**
 * Where a workflow's results go. Production attaches Elasticsearch and Kafka sinks ({@link
 * ProductionOutputs}); tests attach collecting sinks. Each consumer is called at most once per
 * workflow (sinks have fixed uids): detectors hand their streams to {@link Results}, which unions
 * them.
 *
 * @param documents aggregates and other Elasticsearch documents (cases, hotspots, KPIs, coverage,
 *     noise)
 */
public record Outputs(
        Consumer<DataStream<Position>> positions,
        Consumer<DataStream<Alert>> alerts,
        Consumer<DataStream<EsWriteRequest>> documents,
        Consumer<DataStream<DeadLetter>> deadLetters) {}
