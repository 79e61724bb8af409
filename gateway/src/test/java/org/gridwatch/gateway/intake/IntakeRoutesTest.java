package org.gridwatch.gateway.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeRoutesTest {
    @Test
    void shouldLabelEachPathWithItsEndpoint() {
        assertThat(IntakeHandler.endpoint("/open311/v2/services.json")).isEqualTo("services");
        assertThat(IntakeHandler.endpoint("/open311/v2/requests.json")).isEqualTo("post_request");
        assertThat(IntakeHandler.endpoint("/open311/v2/requests/OS-20261203-ABCDEFGHJK.json"))
                .isEqualTo("get_request");
        assertThat(IntakeHandler.endpoint("/open311/v2/requests/.json")).isEqualTo("unknown");
        assertThat(IntakeHandler.endpoint("/ingest/iot")).isEqualTo("ingest_iot");
        assertThat(IntakeHandler.endpoint("/ingest/hotline")).isEqualTo("ingest_hotline");
        assertThat(IntakeHandler.endpoint("/ingest/gps")).isEqualTo("unknown");
    }

    @Test
    void shouldCountEachStatusUnderOneOutcome() {
        assertThat(Answer.outcomeOf(200)).isEqualTo("ok");
        assertThat(Answer.outcomeOf(415)).isEqualTo("bad_request");
        assertThat(Answer.outcomeOf(405)).isEqualTo("not_found");
        assertThat(Answer.outcomeOf(503)).isEqualTo("unavailable");
        assertThat(Answer.open311Error(400, "lat is missing").body())
                .asString()
                .isEqualTo("[{\"code\":400,\"description\":\"lat is missing\"}]");
    }
}
