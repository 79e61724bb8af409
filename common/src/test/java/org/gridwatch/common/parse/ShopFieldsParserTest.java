package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ShopViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/** The issue 21 fields: shop-front detections, inspections, and shops and outcomes on cases. */
class ShopFieldsParserTest {
    private static final long T = Instant.parse("2026-11-21T03:20:00Z").toEpochMilli();

    private final IotParser iot = new IotParser(ParseLimits.DEFAULTS, CLOCK);
    private final HotlineParser hotline = new HotlineParser(ParseLimits.DEFAULTS, CLOCK);

    private static ObjectNode detection() {
        return json(
                "{\"deviceId\":\"CAM-MH-XZ-0031\",\"kind\":\"SHOP_VIOLATION\",\"time\":\"2026-11-21T03:20:00Z\","
                        + "\"lat\":31.1131,\"lon\":121.3835,\"confidence\":0.87,\"violation\":\"OUTSIDE_BUSINESS\","
                        + "\"photoUrl\":\"https://oss.example.cn/cam/0031/20261121-112000.jpg\"}");
    }

    private static ObjectNode inspection() {
        return json(
                "{\"deviceId\":\"MH-ZF-0412\",\"kind\":\"SHOP_INSPECTION\",\"time\":\"2026-11-21T03:20:00Z\","
                        + "\"shopId\":\"SHOP-MH-00017\",\"lat\":31.1131,\"lon\":121.3835,\"violation\":\"PILED_MATERIALS\","
                        + "\"photoUrl\":\"https://oss.example.cn/app/MH-ZF-0412/1.jpg\"}");
    }

    private static ObjectNode closed() {
        return json(
                "{\"eventId\":\"12345-004417-C\",\"caseId\":\"12345-004417\",\"kind\":\"CLOSED\",\"time\":"
                        + T
                        + ",\"shopId\":\"SHOP-MH-00017\",\"outcome\":\" RECTIFICATION_ORDERED \"}");
    }

    @Test
    void shouldReadAShopFrontDetection() throws Exception {
        assertThat(iot.parse(bytes(detection())))
                .isEqualTo(
                        new IotEvent(
                                "CAM-MH-XZ-0031",
                                IotEventKind.SHOP_VIOLATION,
                                T,
                                31.1131,
                                121.3835,
                                null,
                                0.87,
                                null,
                                null,
                                null,
                                null,
                                ShopViolation.OUTSIDE_BUSINESS,
                                "https://oss.example.cn/cam/0031/20261121-112000.jpg"));
    }

    @Test
    void shouldReadTheViolationInAnyCaseOrByItsChineseTerm() throws Exception {
        assertThat(iot.parse(bytes(detection().put("violation", " cross_door "))).violation())
                .isEqualTo(ShopViolation.CROSS_DOOR);
        assertThat(iot.parse(bytes(detection().put("violation", "破墙开店"))).violation())
                .isEqualTo(ShopViolation.WALL_BREAKING);
    }

    @Test
    void shouldRefuseAnUnknownViolationNamingTheValues() {
        InvalidInputException e =
                assertRejected(iot, detection().put("violation", "SMOKING"), ReasonCodes.BAD_ENUM);
        assertThat(e.getMessage()).contains("'violation'", "SMOKING", "OUTSIDE_BUSINESS");
        assertRejected(iot, detection().put("violation", 3), ReasonCodes.BAD_ENUM);
        assertRejected(
                iot, detection().set("violation", json("{\"a\":1}")), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRequireViolationAndPositionOnADetection() {
        assertRejected(iot, detection().without("violation"), ReasonCodes.MISSING_FIELD);
        assertRejected(iot, detection().put("violation", " "), ReasonCodes.MISSING_FIELD);
        assertRejected(iot, detection().putNull("violation"), ReasonCodes.MISSING_FIELD);
        assertRejected(iot, detection().without("lat"), ReasonCodes.MISSING_FIELD);
        // naming a shop does not excuse a camera from saying where it saw the violation
        assertRejected(
                iot,
                detection().put("shopId", "SHOP-MH-00017").without(java.util.List.of("lat", "lon")),
                ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldReadAnInspectionNamingItsShopWithOrWithoutAPosition() throws Exception {
        IotEvent e = iot.parse(bytes(inspection()));
        assertThat(e.shopId()).isEqualTo("SHOP-MH-00017");
        assertThat(e.violation()).isEqualTo(ShopViolation.PILED_MATERIALS);
        assertThat(e.lat()).isEqualTo(31.1131);

        IotEvent noFix = iot.parse(bytes(inspection().without(java.util.List.of("lat", "lon"))));
        assertThat(noFix.lat()).isNaN();
        assertThat(noFix.lon()).isNaN();
        assertThat(noFix.shopId()).isEqualTo("SHOP-MH-00017");
    }

    @Test
    void shouldReadAnInspectionWithoutViolationAsAShopInOrder() throws Exception {
        IotEvent e =
                iot.parse(bytes(inspection().without(java.util.List.of("violation", "photoUrl"))));
        assertThat(e.violation()).isNull();
        assertThat(e.photoUrl()).isNull();
    }

    @Test
    void shouldReadAnInspectionWithoutShopByItsPosition() throws Exception {
        IotEvent e = iot.parse(bytes(inspection().without("shopId")));
        assertThat(e.shopId()).isNull();
        assertThat(e.lon()).isEqualTo(121.3835);
    }

    @Test
    void shouldRefuseAnInspectionWithNeitherShopNorPosition() {
        InvalidInputException e =
                assertRejected(
                        iot,
                        inspection().without(java.util.List.of("shopId", "lat", "lon")),
                        ReasonCodes.MISSING_FIELD);
        assertThat(e.getMessage()).contains("shopId", "lat");
        // half a position is still refused, not silently dropped
        assertRejected(iot, inspection().without("lon"), ReasonCodes.MISSING_FIELD);
        assertRejected(
                iot,
                inspection().put("shopId", "  ").without(java.util.List.of("lat", "lon")),
                ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldBoundAndCheckTheNewTextFields() {
        assertRejected(
                iot,
                detection().put("photoUrl", "https://x/" + repeat('a', 2048)),
                ReasonCodes.TOO_LARGE);
        assertRejected(iot, inspection().put("shopId", "S\u200B1"), ReasonCodes.BAD_ID);
        assertRejected(iot, inspection().put("shopId", repeat('S', 65)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldLeaveEarlierKindsAsTheyWere() throws Exception {
        IotEvent stall =
                iot.parse(
                        bytes(
                                "{\"deviceId\":\"CAM-1\",\"kind\":\"STALL_DETECTED\",\"time\":"
                                        + T
                                        + ",\"lat\":31.1,\"lon\":121.3}"));
        assertThat(stall.shopId()).isNull();
        assertThat(stall.violation()).isNull();
        assertThat(stall.photoUrl()).isNull();
    }

    @Test
    void shouldReadShopAndTrimmedOutcomeOfACaseClosure() throws Exception {
        HotlineEvent e = hotline.parse(bytes(closed()));
        assertThat(e.kind()).isEqualTo(CaseEventKind.CLOSED);
        assertThat(e.shopId()).isEqualTo("SHOP-MH-00017");
        assertThat(e.outcome()).isEqualTo("RECTIFICATION_ORDERED");
    }

    @Test
    void shouldTakeABlankOutcomeOrShopAsAbsent() throws Exception {
        HotlineEvent e = hotline.parse(bytes(closed().put("outcome", "").put("shopId", " ")));
        assertThat(e.outcome()).isNull();
        assertThat(e.shopId()).isNull();
        assertThat(hotline.parse(bytes(closed().without(java.util.List.of("outcome", "shopId")))))
                .extracting(HotlineEvent::shopId, HotlineEvent::outcome)
                .containsExactly(null, null);
    }

    @Test
    void shouldBoundTheOutcomeAndCheckTheShopId() {
        assertRejected(hotline, closed().put("outcome", repeat('F', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(hotline, closed().put("outcome", true), ReasonCodes.WRONG_TYPE);
        assertRejected(hotline, closed().put("shopId", "SHOP\u0000"), ReasonCodes.BAD_ID);
    }
}
