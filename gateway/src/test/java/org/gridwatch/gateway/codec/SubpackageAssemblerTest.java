package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridwatch.gateway.codec.TestFrames.PHONE;

class SubpackageAssemblerTest {
    private final List<SubpackageAssembler.Incomplete> dropped = new ArrayList<>();
    private final SubpackageAssembler assembler = new SubpackageAssembler(8, 2, 60_000);

    private static Packet part(int serial, int total, int index, String body) {
        return new Packet(
                new Header(0x0704, 0, 0, true, -1, PHONE, serial, total, index, 16),
                Hex.bytes(body));
    }

    @Test
    void shouldReassembleOutOfOrderParts() {
        assertThat(assembler.offer(part(11, 3, 2, "0202"), 0, dropped::add)).isNull();
        assertThat(assembler.offer(part(12, 3, 3, "03"), 0, dropped::add)).isNull();
        Packet whole = assembler.offer(part(10, 3, 1, "0101"), 0, dropped::add);
        assertThat(Hex.of(whole.body())).isEqualTo("0101020203");
        assertThat(whole.header().subpackaged()).isFalse();
        assertThat(whole.header().bodyLength()).isEqualTo(5);
        assertThat(whole.header().serial()).isEqualTo(10);
        assertThat(assembler.pendingMessages()).isZero();
        assertThat(dropped).isEmpty();
    }

    @Test
    void shouldTakeARepeatedPartOnce() {
        assembler.offer(part(10, 2, 1, "01"), 0, dropped::add);
        assembler.offer(part(10, 2, 1, "01"), 0, dropped::add);
        assertThat(Hex.of(assembler.offer(part(11, 2, 2, "02"), 0, dropped::add).body()))
                .isEqualTo("0102");
    }

    @Test
    void shouldKeepMessagesWithDifferentSerialsApart() {
        assembler.offer(part(10, 2, 1, "a1"), 0, dropped::add);
        assembler.offer(part(20, 2, 1, "b1"), 0, dropped::add);
        assertThat(Hex.of(assembler.offer(part(21, 2, 2, "b2"), 0, dropped::add).body()))
                .isEqualTo("b1b2");
        assertThat(Hex.of(assembler.offer(part(11, 2, 2, "a2"), 0, dropped::add).body()))
                .isEqualTo("a1a2");
    }

    @Test
    void shouldGiveUpAfterTheTimeout() {
        assembler.offer(part(10, 2, 1, "01"), 0, dropped::add);
        assembler.expire(30_000, PHONE, dropped::add);
        assertThat(dropped).isEmpty();
        assembler.expire(60_001, PHONE, dropped::add);
        assertThat(dropped)
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.received()).isEqualTo(1);
                            assertThat(i.total()).isEqualTo(2);
                            assertThat(Hex.of(i.partsSoFar())).isEqualTo("01");
                        });
    }

    @Test
    void shouldGiveUpTheOldestWhenTooManyAreInProgress() {
        assembler.offer(part(10, 2, 1, "01"), 0, dropped::add);
        assembler.offer(part(20, 2, 1, "02"), 0, dropped::add);
        assembler.offer(part(30, 2, 1, "03"), 0, dropped::add);
        assertThat(dropped)
                .singleElement()
                .satisfies(i -> assertThat(Hex.of(i.partsSoFar())).isEqualTo("01"));
        assertThat(assembler.pendingMessages()).isEqualTo(2);
    }

    @Test
    void shouldRefuseInconsistentParts() {
        for (Packet bad :
                List.of(
                        part(1, 2, 0, "00"),
                        part(1, 2, 3, "00"),
                        part(1, 0, 0, "00"),
                        part(1, 9, 1, "00"))) {
            assertThatThrownBy(() -> assembler.offer(bad, 0, dropped::add))
                    .isInstanceOfSatisfying(
                            Jt808Exception.class,
                            e ->
                                    assertThat(e.reasonCode())
                                            .isEqualTo(ReasonCodes.JT808_SUBPACKAGE));
        }
    }

    @Test
    void shouldDropEverythingOnClear() {
        assembler.offer(part(10, 2, 1, "01"), 0, dropped::add);
        assembler.clear(PHONE, dropped::add);
        assertThat(dropped).hasSize(1);
        assertThat(assembler.pendingMessages()).isZero();
    }
}
