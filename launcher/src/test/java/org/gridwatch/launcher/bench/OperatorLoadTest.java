package org.gridwatch.launcher.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorLoadTest {
    @Test
    void sharesAreAveragedPerTaskBusiestFirst() {
        OperatorLoad load = new OperatorLoad();
        load.add("Officer ping to grid", 900, 0, 100);
        load.add("Officer ping to grid", 700, 0, 200);
        load.add("Grid duty clock", 500, 100, 10);
        load.add("Grid duty clock", 500, 300, 20);

        assertThat(load.shares())
                .extracting(OperatorLoad.Share::name)
                .containsExactly("Officer ping to grid", "Grid duty clock");
        OperatorLoad.Share officer = load.shares().get(0);
        assertThat(officer.busyMsPerSecond()).isEqualTo(800);
        assertThat(officer.samples()).isEqualTo(2);
        assertThat(officer.recordsOut()).isEqualTo(100);
        assertThat(load.shares().get(1).backPressuredMsPerSecond()).isEqualTo(200);
    }

    @Test
    void aSourceThatEmittedNothingIsNeverTheSlowestWhateverItsBusyTime() {
        OperatorLoad load = new OperatorLoad();
        // A source that waits for updates, reported busy all the time (its emitted count stands
        // still).
        load.add(
                "Source: Kafka gridwatch.reference -> Reference (idle for event time)", 1000, 0, 7);
        load.add(
                "Source: Kafka gridwatch.reference -> Reference (idle for event time)", 1000, 0, 7);
        load.add("Officer ping to grid", 850, 0, 1_000);
        load.add("Officer ping to grid", 870, 0, 9_000);

        assertThat(load.shares().get(0).name()).startsWith("Source: Kafka gridwatch.reference");
        assertThat(load.slowest())
                .get()
                .extracting(OperatorLoad.Share::name)
                .isEqualTo("Officer ping to grid");
    }

    @Test
    void aSourceThatReadsIsTheSlowestWhenItIsTheBusiest() {
        OperatorLoad load = new OperatorLoad();
        load.add("Source: Kafka gridwatch.gps -> Parse gridwatch.gps", 990, 0, 0);
        load.add("Source: Kafka gridwatch.gps -> Parse gridwatch.gps", 980, 0, 50_000);
        load.add("Officer ping to grid", 400, 0, 50_000);

        assertThat(load.slowest())
                .get()
                .extracting(OperatorLoad.Share::name)
                .asString()
                .startsWith("Source: Kafka gridwatch.gps");
    }
}
