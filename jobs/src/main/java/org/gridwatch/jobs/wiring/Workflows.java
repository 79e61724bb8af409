package org.gridwatch.jobs.wiring;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobReference;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.jobs.dispatch.NearestOfficersStage;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one way a GridWatch job is put together, whether it runs one detection or all of them: check
 * that the inputs carry every topic the detections read, read and parse each of those topics once,
 * let each detection attach, and only then attach the sinks. Every job's {@code main} goes through
 * {@link #run}, so start-up work every job needs belongs there, once.
 */
public final class Workflows {
    private Workflows() {}

    /**
     * A job's {@code main}: the detections on Kafka, reading only the topics they declare. Without
     * {@code --city}, {@code gridwatch.reference} is first read to its end ({@link
     * ReferenceBootstrap}): the city's zone and every object are then known before the first event
     * is judged.
     */
    public static void run(String[] args, String jobName, List<Detection> detections)
            throws Exception {
        JobSettings settings = JobReference.complete(JobSettings.fromArgs(args, jobName));
        StreamExecutionEnvironment env = JobRuntime.environment(settings, jobName);
        define(
                env,
                Inputs.kafka(settings, topics(detections)),
                ProductionOutputs.create(settings, jobName),
                settings,
                detections);
        env.execute(jobName);
    }

    /** {@link #run} for a job of one detection. */
    public static void run(String[] args, String jobName, Detection detection) throws Exception {
        run(args, jobName, List.of(detection));
    }

    /**
     * Builds the workflow of {@code detections} over {@code inputs} into {@code env}. Inputs a
     * detection does not declare are left unread.
     *
     * @throws IllegalArgumentException when a detection's topic has no source in {@code inputs}, or
     *     two detections share a name (their operators would share uids)
     */
    public static void define(
            StreamExecutionEnvironment env,
            Inputs inputs,
            Outputs outputs,
            JobSettings settings,
            List<Detection> detections) {
        requireInputs(inputs, detections);
        ParsedInputs parsed = Ingestion.ingest(env, inputs.only(topics(detections)), settings);
        Results results = Results.of(parsed);
        for (Detection detection : detections) {
            int before = results.alertStreams();
            detection.attach(parsed, settings, results);
            if (results.alertStreams() != before && !detection.emitsAlerts()) {
                throw new IllegalStateException(
                        "detection "
                                + detection.name()
                                + " adds alerts but says it emits none (Detection.emitsAlerts):"
                                + " its alerts would not name their nearest officers");
            }
        }
        // Once, after every detection: the alerts of all of them get their nearest officers.
        results.throughStage(
                alerts ->
                        NearestOfficersStage.attach(
                                alerts,
                                parsed.gps(),
                                parsed.referenceBroadcast(),
                                ReferenceHolder.of(settings)));
        results.sendTo(outputs);
    }

    /** {@link #define} for a workflow of one detection. */
    public static void define(
            StreamExecutionEnvironment env,
            Inputs inputs,
            Outputs outputs,
            JobSettings settings,
            Detection detection) {
        define(env, inputs, outputs, settings, List.of(detection));
    }

    /**
     * What the nearest-officer stage reads when the workflow has alerts: the officers' fixes, their
     * names and shifts.
     */
    static final List<String> ALERT_TOPICS = List.of(Topics.GPS, Topics.REFERENCE);

    /** Every topic the detections read, and {@link #ALERT_TOPICS} when one of them emits alerts. */
    public static Set<String> topics(List<Detection> detections) {
        Set<String> topics = new LinkedHashSet<>();
        detections.forEach(d -> topics.addAll(d.topics()));
        if (detections.stream().anyMatch(Detection::emitsAlerts)) {
            topics.addAll(ALERT_TOPICS);
        }
        return topics;
    }

    /**
     * Fails before any operator exists, naming what is wrong, instead of a NullPointerException
     * deep in a detection.
     */
    private static void requireInputs(Inputs inputs, List<Detection> detections) {
        Set<String> names = new HashSet<>();
        for (Detection detection : detections) {
            if (!names.add(detection.name())) {
                throw new IllegalArgumentException(
                        "detection " + detection.name() + " is in the workflow twice");
            }
            // The reference is required for alerts (names, shifts); GPS is not, so that a test
            // may leave it out: its alerts then name no officers.
            if (detection.emitsAlerts() && inputs.source(Topics.REFERENCE) == null) {
                throw new IllegalArgumentException(
                        "detection "
                                + detection.name()
                                + " emits alerts, whose nearest officers need "
                                + Topics.REFERENCE
                                + ", but the workflow's inputs have no source for it");
            }
            for (String topic : detection.topics()) {
                if (inputs.source(topic) == null) {
                    throw new IllegalArgumentException(
                            "detection "
                                    + detection.name()
                                    + " reads "
                                    + topic
                                    + ", but the workflow's inputs have no source for it");
                }
            }
        }
    }
}
