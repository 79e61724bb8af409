package org.gridwatch.common.time;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionReachTest {
    private static final long MIN = 60_000;

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneDeviceWhoseClockRunsAheadDoesNotCarryThePartition() {
        PartitionReach r = new PartitionReach();
        long t = 1_000 * MIN;
        for (int i = 0; i < 10; i++) {
            r.observe(key("truck-" + i % 5), t + i * 1_000);
        }
        assertThat(r.reach()).isEqualTo(t + 8_000);
        r.observe(key("skewed"), t + 8 * 60 * MIN); // eight hours ahead: local time read as UTC
        assertThat(r.reach()).as("the most advanced of the others").isEqualTo(t + 9_000);
        // The others go on, and keep the reach, however long the skewed one keeps reporting.
        for (int i = 0; i < 500; i++) {
            r.observe(
                    key(i % 2 == 0 ? "skewed" : "truck-" + i % 5),
                    i % 2 == 0 ? t + 8 * 60 * MIN + i * 1_000 : t + 10_000 + i * 1_000);
        }
        assertThat(r.reach()).isLessThan(t + 10 * MIN);
    }

    @Test
    void aSecondEntityConfirmsAResumeAfterAGap() {
        PartitionReach r = new PartitionReach();
        r.observe(key("a"), 0);
        r.observe(key("b"), 1_000);
        r.observe(key("a"), 20 * MIN);
        assertThat(r.reach()).isEqualTo(1_000);
        r.observe(key("c"), 20 * MIN + 5_000);
        assertThat(r.reach()).isEqualTo(20 * MIN);
    }

    @Test
    void aPartitionWithOneDeviceFollowsIt() {
        PartitionReach r = new PartitionReach();
        r.observe(key("a"), 0);
        assertThat(r.reach()).isEqualTo(0);
        r.observe(key("a"), 17 * MIN);
        assertThat(r.reach()).isEqualTo(17 * MIN);
    }

    @Test
    void aLoneLeadIsTrustedWhenNobodyElseMoves() {
        PartitionReach r = new PartitionReach();
        r.observe(key("parked"), 0);
        for (int i = 1; i <= PartitionReach.LONE_LEAD_EVENTS; i++) {
            r.observe(key("driving"), i * 10_000L);
            assertThat(r.reach()).isEqualTo(0);
        }
        r.observe(key("driving"), (PartitionReach.LONE_LEAD_EVENTS + 1) * 10_000L);
        assertThat(r.reach()).isEqualTo((PartitionReach.LONE_LEAD_EVENTS + 1) * 10_000L);
    }

    @Test
    void recordsWithoutKeyAreEntitiesOfTheirOwn() {
        PartitionReach r = new PartitionReach();
        r.observe(null, 1_000);
        r.observe(null, 9 * 60 * MIN);
        assertThat(r.reach()).isEqualTo(1_000);
        r.observe(null, 9 * 60 * MIN + 1);
        assertThat(r.reach()).isEqualTo(9 * 60 * MIN);
    }

    @Test
    void unusableTimesAreIgnored() {
        PartitionReach r = new PartitionReach();
        r.observe(key("a"), Long.MIN_VALUE);
        assertThat(r.reach()).isEqualTo(Long.MIN_VALUE);
        r.observe(key("a"), 5);
        assertThat(r.reach()).isEqualTo(5);
    }

    @Test
    void theReachNeverGoesBack() {
        PartitionReach r = new PartitionReach();
        r.observe(key("a"), 10 * MIN);
        r.observe(key("b"), MIN); // late, from another entity: it must not pull the reach down
        assertThat(r.reach()).isEqualTo(10 * MIN);
    }

    @Test
    void restoredReachIsKept() {
        PartitionReach r = PartitionReach.restored(50 * MIN);
        r.observe(key("x"), 9 * 60 * MIN);
        assertThat(r.reach()).isEqualTo(50 * MIN);
    }
}
