package org.gridwatch.jobs.indexer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.LateTolerance;
import org.gridwatch.common.flink.ParseFunction;
import org.gridwatch.common.flink.PartitionLateness;
import org.gridwatch.common.flink.es.EsDocuments;
import org.gridwatch.common.flink.es.EsSink;
import org.gridwatch.common.flink.kafka.KafkaIO;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.DocumentWriteParser;
import org.gridwatch.jobs.wiring.JobRuntime;

import java.util.function.Consumer;

/**
 * Takes the detections' Elasticsearch writes from {@code gridwatch.documents} into Elasticsearch. A
 * job of its own, so that while Elasticsearch is down only this job waits (its sink retries until
 * the cluster is back and loses nothing) and the detections and the alert topic go on; afterwards
 * it catches up from Kafka. Every write has a deterministic id and most an external version, so
 * replays after a restart rewrite the same documents. Stateless but for the sink's buffer.
 */
public final class IndexerJob {
    public static final String NAME = "gridwatch-indexer";

    private IndexerJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> documents,
            Consumer<DataStream<EsWriteRequest>> elasticsearch,
            Consumer<DataStream<DeadLetter>> deadLetters) {
        SingleOutputStreamOperator<EsWriteRequest> writes =
                env.fromSource(
                                documents,
                                WatermarkStrategy.noWatermarks(),
                                "Kafka " + Topics.DOCUMENTS)
                        .uid("source-documents")
                        .name("Kafka " + Topics.DOCUMENTS)
                        .process(
                                new ParseFunction<>(
                                        new DocumentWriteParser(),
                                        LateTolerance.fixed(PartitionLateness.NEVER)),
                                TypeInformation.of(EsWriteRequest.class))
                        .uid("parse-documents")
                        .name("Parse " + Topics.DOCUMENTS);
        elasticsearch.accept(writes);
        deadLetters.accept(writes.getSideOutput(ParseFunction.DEAD_LETTERS));
    }

    /**
     * The production wiring: the documents topic into the job's Elasticsearch, unusable records to
     * the dead letters. Give it a consumer group of its own ({@link #settingsBeside}).
     */
    public static void defineProductionWorkflow(
            StreamExecutionEnvironment env, JobSettings settings) {
        EsIndexTemplates.install(new EsConnection(settings.esUrls()));
        defineWorkflow(
                env,
                KafkaIO.rawSource(settings, Topics.DOCUMENTS),
                writes ->
                        writes.sinkTo(EsSink.forJob(settings, EsDocuments.requests()))
                                .uid("sink-elasticsearch")
                                .name("Elasticsearch gridwatch-*"),
                dead ->
                        dead.sinkTo(KafkaIO.deadLetterSink(settings))
                                .uid("sink-deadletter-kafka")
                                .name("Kafka gridwatch.deadletter"));
    }

    /** The settings of a detections job, in the consumer group {@code <its group>-indexer}. */
    public static JobSettings settingsBeside(JobSettings detections) {
        return detections.withGroupId(detections.groupId() + "-indexer");
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobSettings.fromArgs(args, NAME);
        StreamExecutionEnvironment env = JobRuntime.environment(settings, NAME);
        defineProductionWorkflow(env, settings);
        env.execute(NAME);
    }
}
