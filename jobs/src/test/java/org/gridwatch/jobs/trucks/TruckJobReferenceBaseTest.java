package org.gridwatch.jobs.trucks;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.reference.CityInfo;
import org.gridwatch.common.reference.ReferenceSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job without {@code --city} judges its first events against the reference topic as read before
 * it started ({@link ReferenceSnapshot}), not against an empty reference while its reference source
 * catches up: the same truck day gives the same alerts as with the city's files.
 */
class TruckJobReferenceBaseTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path cityDir;

    @BeforeAll
    static void writeCity() throws Exception {
        CityFiles.write(TruckTestCity.city(), cityDir);
    }

    private static final String[] ARGS = {
        "--checkpoint-interval", "0", "--bounded", "true", "--max-out-of-order", "30s"
    };

    private static List<String> alerts(JobSettings settings, List<GpsPing> pings) throws Exception {
        return TruckJobTest.run(pings, settings).stream()
                .map(
                        a ->
                                a.type()
                                        + " "
                                        + a.entityId()
                                        + " "
                                        + a.status()
                                        + " r"
                                        + a.revision()
                                        + " "
                                        + a.episodeStart()
                                        + "-"
                                        + a.episodeEnd())
                .sorted()
                .toList();
    }

    @Test
    void theSnapshotOfTheReferenceTopicIsTheBaseWhenThereAreNoCityFiles() throws Exception {
        List<GpsPing> pings = TruckJobTest.scenario();
        List<String> withFiles = alerts(JobSettings.fromArgs(withCity(), "test"), pings);

        ReferenceSnapshot snapshot =
                new ReferenceSnapshot(
                        CityInfo.decode(CityFiles.meta(TruckTestCity.city())),
                        TruckTestCity.referenceUpdates(),
                        Map.of(0, 0L),
                        0);
        JobSettings fromTopic = JobSettings.fromArgs(ARGS, "test").withReference(snapshot);
        assertThat(fromTopic.cityZone()).isEqualTo(TruckTestCity.SH);
        assertThat(alerts(fromTopic, pings)).isEqualTo(withFiles);

        // Without either, the job knows no truck, site or route until the reference source has been
        // read: the dumping episodes of the day are missed (the test would pass without a base only
        // if it proved nothing).
        assertThat(withFiles).anyMatch(a -> a.startsWith(AlertType.TRUCK_SUSPECTED_DUMPING.name()));
        assertThat(alerts(JobSettings.fromArgs(ARGS, "test"), pings)).isNotEqualTo(withFiles);
    }

    private static String[] withCity() {
        String[] args = java.util.Arrays.copyOf(ARGS, ARGS.length + 2);
        args[ARGS.length] = "--city";
        args[ARGS.length + 1] = cityDir.toString();
        return args;
    }
}
