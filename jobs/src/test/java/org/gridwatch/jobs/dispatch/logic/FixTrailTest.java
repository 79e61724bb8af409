package org.gridwatch.jobs.dispatch.logic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FixTrailTest {
    private static final Fix A = new Fix(1_000, 31.10, 121.40);
    private static final Fix B = new Fix(2_000, 31.11, 121.41);
    private static final Fix C = new Fix(3_000, 31.12, 121.42);

    @Test
    void fixesShouldBeKeptInTimeOrderWhateverOrderTheyCameIn() {
        List<Fix> inOrder = FixTrail.add(FixTrail.add(FixTrail.add(null, A), B), C);
        List<Fix> shuffled = FixTrail.add(FixTrail.add(FixTrail.add(null, C), A), B);
        assertThat(inOrder).containsExactly(A, B, C).isEqualTo(shuffled);
    }

    @Test
    void twoFixesAtOneInstantShouldKeepTheSameOneInEitherOrder() {
        Fix other = new Fix(2_000, 31.05, 121.41);
        List<Fix> first = FixTrail.add(FixTrail.add(List.of(A, C), B), other);
        List<Fix> second = FixTrail.add(FixTrail.add(List.of(A, C), other), B);
        assertThat(first).containsExactly(A, other, C).isEqualTo(second);
        assertThat(FixTrail.add(List.of(A, B), B)).containsExactly(A, B);
    }

    @Test
    void addingShouldLeaveTheGivenListAlone() {
        List<Fix> trail = List.of(A, C);
        assertThat(FixTrail.add(trail, B)).containsExactly(A, B, C);
        assertThat(trail).containsExactly(A, C);
    }

    @Test
    void dropBeforeShouldCutOnlyOlderFixes() {
        List<Fix> trail = List.of(A, B, C);
        assertThat(FixTrail.dropBefore(trail, 2_000)).containsExactly(B, C);
        assertThat(FixTrail.dropBefore(trail, 500)).isSameAs(trail);
        assertThat(FixTrail.dropBefore(trail, 3_001)).isEmpty();
    }

    @Test
    void theLatestFixShouldBeAtOrBeforeTheTimeNeverAfter() {
        List<Fix> trail = List.of(A, B, C);
        assertThat(FixTrail.latestAtOrBefore(trail, 2_000)).isEqualTo(B);
        assertThat(FixTrail.latestAtOrBefore(trail, 2_999)).isEqualTo(B);
        assertThat(FixTrail.latestAtOrBefore(trail, 999)).isNull();
        assertThat(FixTrail.latestAtOrBefore(trail, 9_999)).isEqualTo(C);
    }
}
