package org.gridwatch.gateway.intake;

import org.junit.jupiter.api.Test;

import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSplitterTest {
    private static List<String> texts(List<BatchSplitter.Item> items) {
        return items.stream().map(i -> i.number() + ":" + new String(i.bytes(), UTF_8)).toList();
    }

    @Test
    void shouldNumberNdjsonRecordsByLineAndSkipBlankLines() throws Exception {
        byte[] body = "{\"a\":1}\r\n\n  \n{\"b\":2}\nnot json".getBytes(UTF_8);
        assertThat(texts(BatchSplitter.split(body, "application/x-ndjson")))
                .containsExactly("1:{\"a\":1}", "4:{\"b\":2}", "5:not json");
    }

    @Test
    void shouldKeepEachArrayElementsBytesAsSent() throws Exception {
        byte[] body = "[ {\"a\" : 1, \"a\":2} ,\"x\", [1,2], {\"c\":{\"d\":[]}} ]".getBytes(UTF_8);
        assertThat(texts(BatchSplitter.split(body, "application/json; charset=utf-8")))
                .containsExactly(
                        "1:{\"a\" : 1, \"a\":2}", "2:\"x\"", "3:[1,2]", "4:{\"c\":{\"d\":[]}}");
    }

    @Test
    void shouldTakeAJsonObjectAsOneRecord() throws Exception {
        byte[] body = "{\n \"a\": 1\n}".getBytes(UTF_8);
        assertThat(BatchSplitter.split(body, "application/json")).hasSize(1);
    }

    @Test
    void shouldRefuseABrokenArrayAndOtherContentTypes() {
        assertThatThrownBy(
                        () ->
                                BatchSplitter.split(
                                        "[{\"a\":1},".getBytes(UTF_8), "application/json"))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("NDJSON");
        assertThatThrownBy(() -> BatchSplitter.split("[1] 2".getBytes(UTF_8), "application/json"))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> BatchSplitter.split("{}".getBytes(UTF_8), "text/plain"))
                .isInstanceOf(BadRequest.class)
                .extracting(e -> ((BadRequest) e).status())
                .isEqualTo(415);
    }
}
