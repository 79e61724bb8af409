package org.gridwatch.jobs.wiring;

import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.ReferenceUpdate;

import java.util.List;

/**
 * The parsed, watermarked input streams of one workflow, each topic read and parsed once for every
 * detection, and the reference updates broadcast to every detector. A stream is null for a topic
 * the workflow does not read; {@link Workflows} reads every topic a {@link Detection} declares, so
 * a detection never sees null for one of its own topics.
 *
 * @param deadLetters the records ingestion could not use, one stream per topic read
 */
public record ParsedInputs(
        DataStream<GpsPing> gps,
        DataStream<HotlineEvent> hotline,
        DataStream<IotEvent> iot,
        DataStream<ReferenceUpdate> reference,
        BroadcastStream<ReferenceUpdate> referenceBroadcast,
        List<DataStream<DeadLetter>> deadLetters) {}
