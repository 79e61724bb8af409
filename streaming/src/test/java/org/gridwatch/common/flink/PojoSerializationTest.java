package org.gridwatch.common.flink;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;

import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.Position;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every record of the model travels through Flink's POJO serializer, never Kryo (house rule 11):
 * the type extractor must see a POJO, and a real round trip through the serializer built with
 * generic types disabled must give an equal value back.
 */
class PojoSerializationTest {
    private static final long T0 = Instant.parse("2026-11-21T14:05:12Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            classes = {
                GpsPing.class,
                HotlineEvent.class,
                IotEvent.class,
                ReferenceUpdate.class,
                DeadLetter.class,
                RawRecord.class,
                Position.class,
                Evidence.class
            })
    void shouldBeSerializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    @Test
    void shouldSerializeAlertAsPojoWithoutKryo() {
        // Alert has Map<String, Long>, Map<String, String> and List<Evidence> fields; Flink 2.x
        // gives List and Map their own type information (ListTypeInfo / MapTypeInfo), not a generic
        // type.
        assertThatCode(() -> PojoTestUtils.assertSerializedAsPojoWithoutKryo(Alert.class))
                .as(
                        "Alert must be a Flink POJO without Kryo; if this fails, look at which field became a GenericType")
                .doesNotThrowAnyException();
        assertThat(TypeInformation.of(Alert.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void shouldRoundTripGpsPing() throws IOException {
        roundTrip(
                GpsPing.class,
                new GpsPing(
                        "013912345601",
                        EntityType.TRUCK,
                        T0,
                        31.0712,
                        121.4105,
                        32.5,
                        184,
                        5.0,
                        787203L,
                        524288L,
                        "沪D52817",
                        "jt808"));
        roundTrip(
                GpsPing.class,
                new GpsPing(
                        "MH-0117",
                        EntityType.OFFICER,
                        T0,
                        31.1128,
                        121.3852,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        "unknown"));
    }

    @Test
    void shouldRoundTripHotlineEvent() throws IOException {
        roundTrip(
                HotlineEvent.class,
                new HotlineEvent(
                        "12345-004417-R",
                        "12345-004417",
                        CaseEventKind.RECEIVED,
                        "12345",
                        T0,
                        "09006",
                        31.1126,
                        121.3817,
                        "闵行区",
                        "310112001003",
                        120,
                        "MH-SPOT-0007",
                        "莘庄地铁站北广场流动摊贩占道经营"));
        roundTrip(
                HotlineEvent.class,
                new HotlineEvent(
                        "12345-004417-D",
                        "12345-004417",
                        CaseEventKind.DISPATCHED,
                        null,
                        T0,
                        null,
                        Double.NaN,
                        Double.NaN,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void shouldRoundTripIotEvent() throws IOException {
        roundTrip(
                IotEvent.class,
                new IotEvent(
                        "NS-MH-QB-0112",
                        IotEventKind.NOISE_READING,
                        T0,
                        31.1547,
                        121.3549,
                        null,
                        null,
                        58.3,
                        71.9,
                        300));
        roundTrip(
                IotEvent.class,
                new IotEvent(
                        "CAM-MH-XZ-0031",
                        IotEventKind.STALL_DETECTED,
                        T0,
                        31.1124,
                        121.3821,
                        "MH-SPOT-0007",
                        0.91,
                        null,
                        null,
                        null));
    }

    @Test
    void shouldRoundTripReferenceUpdate() throws IOException {
        roundTrip(
                ReferenceUpdate.class,
                new ReferenceUpdate("SPOT", "MH-SPOT-0007", "UPSERT", T0, "{\"radiusM\":30}"));
        roundTrip(
                ReferenceUpdate.class,
                new ReferenceUpdate("PERMIT", "HZ-2026-MH-0311", "DELETE", T0, null));
    }

    @Test
    void shouldRoundTripDeadLetter() throws IOException {
        roundTrip(
                DeadLetter.class,
                new DeadLetter(
                        "out_of_range",
                        "field 'lat' = 91.0 is outside [-90.0, 90.0]",
                        "gridwatch.gps",
                        3,
                        1234L,
                        "013912345601",
                        "{\"lat\":91}",
                        "utf8",
                        T0));
        roundTrip(
                DeadLetter.class,
                new DeadLetter(
                        "bad_json",
                        "empty record",
                        "gridwatch.iot",
                        -1,
                        -1L,
                        null,
                        "",
                        "utf8",
                        T0));
    }

    @Test
    void shouldRoundTripPosition() throws IOException {
        roundTrip(
                Position.class,
                new Position(
                        "013912345601",
                        EntityType.TRUCK,
                        T0,
                        31.0712,
                        121.4105,
                        32.5,
                        184,
                        "沪D52817",
                        "jt808"));
        roundTrip(
                Position.class,
                new Position(
                        "MH-0117", EntityType.OFFICER, T0, 31.1128, 121.3852, 0, 0, null, "app"));
    }

    @Test
    void shouldRoundTripEvidence() throws IOException {
        roundTrip(
                Evidence.class,
                new Evidence("gps", "013912345601", T0, 31.0712, 121.4105, "32.5 km/h"));
        roundTrip(
                Evidence.class,
                new Evidence("case", "12345-004417", T0, Double.NaN, Double.NaN, "09006 占道经营"));
    }

    @Test
    void shouldRoundTripRawRecordComparingArraysByContent() throws IOException {
        RawRecord in =
                new RawRecord(
                        "gridwatch.gps",
                        3,
                        1234L,
                        T0,
                        "013912345601".getBytes(),
                        new byte[] {0x7b, 0x7d, (byte) 0xff});
        RawRecord out = copy(RawRecord.class, in);
        assertThat(out.topic()).isEqualTo(in.topic());
        assertThat(out.partition()).isEqualTo(in.partition());
        assertThat(out.offset()).isEqualTo(in.offset());
        assertThat(out.kafkaTimestamp()).isEqualTo(in.kafkaTimestamp());
        assertThat(out.key()).containsExactly(in.key());
        assertThat(out.value()).containsExactly(in.value());

        RawRecord nullKey =
                copy(RawRecord.class, new RawRecord("gridwatch.iot", 0, 0L, T0, null, new byte[0]));
        assertThat(nullKey.key()).isNull();
        assertThat(nullKey.value()).isEmpty();
    }

    @Test
    void shouldRoundTripAlert() throws IOException {
        Map<String, Long> levels = new LinkedHashMap<>();
        levels.put("BLUE", T0 + 3_600_000);
        levels.put("YELLOW", T0 + 5_760_000);
        roundTrip(
                Alert.class,
                new Alert(
                        "CASE_OVERDUE:12345-004417",
                        AlertType.CASE_OVERDUE,
                        AlertStatus.UPDATED,
                        1,
                        Severity.MEDIUM,
                        "YELLOW",
                        levels,
                        T0,
                        0,
                        T0 + 5_760_000,
                        T0 + 5_760_500,
                        "CASE",
                        "12345-004417",
                        null,
                        null,
                        Double.NaN,
                        Double.NaN,
                        "案件即将超时（黄灯，催办）",
                        "Case close to its time limit (yellow)",
                        Map.of("category", "09006"),
                        List.of(
                                new Evidence(
                                        "complaint",
                                        "12345-004417-R",
                                        T0,
                                        Double.NaN,
                                        Double.NaN,
                                        "09006 占道经营"))));
        roundTrip(
                Alert.class,
                new Alert(
                        "TRUCK_OVERSPEED:013912345601:" + T0,
                        AlertType.TRUCK_OVERSPEED,
                        AlertStatus.OPEN,
                        0,
                        Severity.HIGH,
                        null,
                        Map.of(),
                        T0,
                        0,
                        T0,
                        T0 + 400,
                        "TRUCK",
                        "013912345601",
                        "310112009012",
                        "闵行区",
                        31.0712,
                        121.4105,
                        "渣土车超速",
                        "Truck overspeed",
                        Map.of(),
                        List.of()));
    }

    /** Record equals compares doubles with Double.compare, so NaN fields round-trip as equal. */
    private static <T> void roundTrip(Class<T> type, T value) throws IOException {
        assertThat(copy(type, value)).isEqualTo(value);
    }

    private static <T> T copy(Class<T> type, T value) throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in =
                new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        T copy = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after reading %s", type.getSimpleName()).isZero();
        return copy;
    }
}
