package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.ReferenceFollower;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.gridwatch.gateway.TerminalDirectory;

import java.time.ZoneId;

/**
 * The trucks the gateway maps terminals to: the city's files (when given), then {@code
 * gridwatch.reference} read to its end, then followed while the gateway runs, so that a truck
 * published later with {@code city publish} (or deleted) maps at once, without a restart.
 *
 * @param zone the terminals' clocks: the city's zone, from its files or its CITY record
 */
record GatewayTrucks(
        TerminalDirectory directory, ReferenceFollower follower, ZoneId zone, int fromTopic)
        implements AutoCloseable {

    /**
     * @param city the city's files, or null to take the city from the reference topic alone
     * @param kafkaClient the {@code --kafka-properties} settings of the reading and following
     *     consumers
     */
    static GatewayTrucks start(City city, String kafka, KafkaClientProperties kafkaClient) {
        ReferenceSnapshot snapshot =
                ReferenceBootstrap.read(
                        kafka,
                        kafkaClient,
                        Topics.REFERENCE,
                        ParseLimits.DEFAULTS,
                        ReferenceBootstrap.TIMEOUT);
        if (city == null && snapshot.city() == null) {
            throw new IllegalStateException(
                    Topics.REFERENCE
                            + " on "
                            + kafka
                            + " holds no CITY record: give --city DIR, or publish the city "
                            + "first with `gridwatch city publish DIR --kafka "
                            + kafka
                            + "`");
        }
        TerminalDirectory directory =
                city == null ? TerminalDirectory.empty() : TerminalDirectory.of(city.trucks());
        int fromTopic = 0;
        for (ReferenceUpdate u : snapshot.updates()) {
            if (u.kind().equals("TRUCK")) {
                directory.apply(u);
                fromTopic++;
            }
        }
        ReferenceFollower follower =
                ReferenceFollower.start(
                        kafka,
                        kafkaClient,
                        Topics.REFERENCE,
                        snapshot,
                        ParseLimits.DEFAULTS,
                        directory::apply);
        return new GatewayTrucks(
                directory, follower, city != null ? city.zone() : snapshot.zone(), fromTopic);
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
    }
}
