package org.gridwatch.jobs.cases.logic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KpiCountsTest {
    @Test
    void ratiosFollowTheCounts() {
        KpiCounts k = new KpiCounts();
        assertThat(k.repeatRatio()).isNull();
        assertThat(k.onTimeRate()).isNull();
        k.complaint(false, true);
        k.complaint(true, false);
        k.complaint(true, false);
        k.complaint(false, true);
        k.closure(true);
        k.closure(true);
        k.closure(false);
        k.level("BLUE");
        k.level("BLUE");
        k.level("RED");
        assertThat(k.complaints).isEqualTo(4);
        assertThat(k.distinctCases).isEqualTo(2);
        assertThat(k.repeats).isEqualTo(2);
        assertThat(k.repeatRatio()).isEqualTo(0.5);
        assertThat(k.onTimeRate()).isEqualTo(2.0 / 3);
        assertThat(k.overdue)
                .containsEntry("BLUE", 2L)
                .containsEntry("YELLOW", 0L)
                .containsEntry("RED", 1L);
    }
}
