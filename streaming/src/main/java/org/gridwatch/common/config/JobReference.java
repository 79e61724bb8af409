package org.gridwatch.common.config;

import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference a job starts from: the city directory of {@code --city}, else {@code
 * gridwatch.reference} read to its end by {@link ReferenceBootstrap} before the job is built. (This
 * was {@code ReferenceBootstrap.complete}; it lives here because {@link JobSettings} is Flink's
 * side, and the bootstrap is also used by the gateway, which has no Flink.)
 */
public final class JobReference {
    private static final Logger LOG = LoggerFactory.getLogger(JobReference.class);

    private JobReference() {}

    /**
     * The settings a job runs with: unchanged when {@code --city} names the files, else with the
     * topic's snapshot. Fails with a message saying what to do when the topic holds no city.
     */
    public static JobSettings complete(JobSettings settings) {
        if (settings.cityDir() != null) {
            return settings;
        }
        ReferenceSnapshot snapshot =
                ReferenceBootstrap.read(
                        settings.kafkaBootstrap(),
                        settings.kafkaClient(),
                        Topics.REFERENCE,
                        settings.parseLimits(),
                        ReferenceBootstrap.TIMEOUT);
        if (snapshot.city() == null) {
            throw new IllegalStateException(
                    Topics.REFERENCE
                            + " on "
                            + settings.kafkaBootstrap()
                            + " holds no CITY record ("
                            + snapshot.updates().size()
                            + " other objects): publish the city first with `gridwatch city publish DIR --kafka "
                            + settings.kafkaBootstrap()
                            + "`, or give --city DIR");
        }
        LOG.info("Reference from {}: {}", Topics.REFERENCE, snapshot.describe());
        return settings.withReference(snapshot);
    }
}
