package org.gridwatch.jobs.wiring;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;

import java.util.Set;

/**
 * One detection family (positions, trucks, stalls, coverage, cases, noise): the input topics it
 * reads and the operators it attaches to the parsed inputs. The same detection runs in the
 * all-in-one job beside the others and alone as a job of its own, both through {@link Workflows};
 * it never sees the sources or the sinks, so a topic is read and parsed once and each output has
 * one sink however many detections a job runs.
 */
public interface Detection {
    /** A short stable name (the family's package name), for messages. */
    String name();

    /**
     * The input topics ({@link Topics#INPUTS}) this detection reads, {@link Topics#REFERENCE}
     * included when it uses reference data: a job running it alone reads these and no others, and a
     * workflow whose inputs lack one of them fails before it starts.
     */
    Set<String> topics();

    /**
     * Adds the detection's operators to the workflow: reads {@code inputs} (every stream of {@link
     * #topics()} is there) and adds what it produces to {@code results}. Operator uids are part of
     * the savepoint format: keep them.
     */
    void attach(ParsedInputs inputs, JobSettings settings, Results results);

    /**
     * Whether this detection adds alerts to the results. Every alert leaving a workflow names its
     * nearest on-duty officers, so a workflow with such a detection also reads {@link Topics#GPS}
     * (the officers' fixes) and {@link Topics#REFERENCE} (their names and shifts), whichever topics
     * the detection itself reads. The default: a detection that reads the reference judges events
     * against the city and raises alerts; one that does not (positions) only forwards data. {@link
     * Workflows} fails when a detection that says no adds alerts, so a wrong default cannot pass
     * unnoticed: override it then.
     */
    default boolean emitsAlerts() {
        return topics().contains(Topics.REFERENCE);
    }
}
