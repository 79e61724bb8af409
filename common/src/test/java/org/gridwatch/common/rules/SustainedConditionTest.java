package org.gridwatch.common.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.rules.SustainedCondition.Change.*;

class SustainedConditionTest {
    private static final long S = 1000;

    @Test
    void shouldOpenOnlyAfterTheConditionHeldLongEnough() {
        SustainedCondition c = new SustainedCondition(30 * S, 2, 0, 2);
        assertThat(c.observe(0, true)).isEqualTo(NONE);
        assertThat(c.observe(10 * S, true)).isEqualTo(NONE);
        assertThat(c.observe(20 * S, true)).isEqualTo(NONE);
        assertThat(c.observe(30 * S, true)).isEqualTo(OPENED);
        assertThat(c.episodeStart).isZero();
    }

    @Test
    void aSingleNoisyObservationShouldNeitherOpenNorClose() {
        SustainedCondition c = new SustainedCondition(0, 2, 0, 2);
        assertThat(c.observe(0, true)).isEqualTo(NONE);
        assertThat(c.observe(10 * S, false)).isEqualTo(NONE);
        assertThat(c.observe(20 * S, true)).isEqualTo(NONE);
        assertThat(c.observe(30 * S, true)).isEqualTo(OPENED);
        assertThat(c.episodeStart).isEqualTo(20 * S);
        assertThat(c.observe(40 * S, false)).isEqualTo(CONTINUED);
        assertThat(c.observe(50 * S, true)).isEqualTo(CONTINUED);
        assertThat(c.observe(60 * S, false)).isEqualTo(CONTINUED);
        assertThat(c.observe(70 * S, false)).isEqualTo(CLOSED);
        assertThat(c.episodeEnd).isEqualTo(60 * S);
    }

    @Test
    void shouldStartAFreshEpisodeAfterClosing() {
        SustainedCondition c = new SustainedCondition(0, 1, 0, 1);
        assertThat(c.observe(0, true)).isEqualTo(OPENED);
        assertThat(c.observe(10 * S, false)).isEqualTo(CLOSED);
        assertThat(c.observe(20 * S, true)).isEqualTo(OPENED);
        assertThat(c.episodeStart).isEqualTo(20 * S);
    }

    @Test
    void forceCloseShouldEndAnOpenEpisodeOnly() {
        SustainedCondition c = new SustainedCondition(0, 1, 0, 1);
        assertThat(c.forceClose(5)).isFalse();
        c.observe(0, true);
        assertThat(c.forceClose(7)).isTrue();
        assertThat(c.episodeEnd).isEqualTo(7);
        assertThat(c.active).isFalse();
    }
}
