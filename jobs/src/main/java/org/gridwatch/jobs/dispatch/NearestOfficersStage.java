package org.gridwatch.jobs.dispatch;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;

import java.util.Objects;

/**
 * Puts the nearest on-duty officers on every alert revision: the alerts of all detections pass
 * through here once, between the detections and the sinks. Located revisions and officer fixes go
 * to their cells ({@link AlertsToCells}, {@link FixesToCells}) and meet in {@link
 * NearestOfficerFunction}; revisions without a location pass straight through. See the package
 * README. The uids are part of the savepoint format: keep them.
 */
public final class NearestOfficersStage {
    private NearestOfficersStage() {}

    /**
     * @param alerts every alert revision of the workflow
     * @param gps the parsed GPS stream, or null when the workflow's inputs have none (tests): the
     *     revisions then leave with empty lists once the watermark passes them
     * @param reference the reference broadcast, for officers' names and shifts
     */
    public static DataStream<Alert> attach(
            DataStream<Alert> alerts,
            DataStream<GpsPing> gps,
            BroadcastStream<ReferenceUpdate> reference,
            ReferenceHolder holder) {
        Objects.requireNonNull(reference, "the nearest-officer stage needs the reference");
        TypeInformation<CellInput> type = TypeInformation.of(CellInput.class);
        SingleOutputStreamOperator<CellInput> located =
                alerts.process(new AlertsToCells(), type)
                        .uid("dispatch-alerts-to-cells-v1")
                        .name("Alerts to cells");
        DataStream<CellInput> cells = located;
        if (gps != null) {
            cells =
                    located.union(
                            gps.flatMap(new FixesToCells(), type)
                                    .uid("dispatch-fixes-to-cells-v1")
                                    .name("Officer fixes to cells"));
        }
        DataStream<Alert> enriched =
                cells.keyBy(CellInput::cell, Types.LONG)
                        .connect(reference)
                        .process(new NearestOfficerFunction(holder))
                        .uid("dispatch-nearest-officers-v1")
                        .name("Nearest on-duty officers");
        return enriched.union(located.getSideOutput(AlertsToCells.UNLOCATED));
    }
}
