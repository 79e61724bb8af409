package org.gridwatch.gateway.intake;

import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Open311ValidationTest {
    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("service_code", "09006");
        p.put("lat", "31.1126");
        p.put("long", "121.3817");
        p.put("description", "莘庄地铁站北广场出口有流动摊贩占道经营");
        return p;
    }

    private static BadRequest refused(Map<String, String> p) {
        try {
            Open311Validation.validate(p);
        } catch (BadRequest e) {
            return e;
        }
        throw new AssertionError("accepted " + p);
    }

    @Test
    void shouldReadAValidRequestWithContact() throws Exception {
        Map<String, String> p = valid();
        p.put("email", "li.wei@example.cn");
        p.put("phone", "13800138000");
        p.put("media_url", "https://img.example.cn/a.jpg");
        p.put("address_string", "莘庄地铁站北广场");
        Open311Input in = Open311Validation.validate(p);
        assertThat(in.serviceCode()).isEqualTo("09006");
        assertThat(in.lat()).isEqualTo(31.1126);
        assertThat(in.lon()).isEqualTo(121.3817);
        assertThat(in.contact().email()).isEqualTo("li.wei@example.cn");
        assertThat(in.addressString()).isEqualTo("莘庄地铁站北广场");
    }

    @Test
    void shouldNameTheFieldOfEachProblem() {
        Map<String, String> p = valid();
        p.remove("service_code");
        assertThat(refused(p).field()).isEqualTo("service_code");
        p = valid();
        p.put("service_code", "99999");
        assertThat(refused(p))
                .hasMessageContaining("not a service")
                .extracting(BadRequest::field)
                .isEqualTo("service_code");
        p = valid();
        p.put("lat", "91");
        assertThat(refused(p).field()).isEqualTo("lat");
        p = valid();
        p.put("long", "east");
        assertThat(refused(p))
                .hasMessageContaining("not a number")
                .extracting(BadRequest::field)
                .isEqualTo("long");
        p = valid();
        p.remove("long");
        assertThat(refused(p).field()).isEqualTo("long");
        p = valid();
        p.put("lat", "0");
        p.put("long", "0");
        assertThat(refused(p).field()).isEqualTo("lat");
        p = valid();
        p.put("lat", "NaN");
        assertThat(refused(p).field()).isEqualTo("lat");
        p = valid();
        p.put("media_url", "javascript:alert(1)");
        assertThat(refused(p).field()).isEqualTo("media_url");
        p = valid();
        p.put("email", "not-an-address");
        assertThat(refused(p).field()).isEqualTo("email");
        p = valid();
        p.put("description", "x".repeat(Open311Validation.MAX_TEXT + 1));
        assertThat(refused(p).field()).isEqualTo("description");
        p = valid();
        p.put("first_name", "Li\u202eWei");
        assertThat(refused(p))
                .hasMessageContaining("invisible")
                .extracting(BadRequest::field)
                .isEqualTo("first_name");
    }

    @Test
    void shouldRefuseAnAddressWithoutCoordinatesUntilTheJobsCanLocateIt() {
        Map<String, String> p = valid();
        p.remove("lat");
        p.remove("long");
        p.put("address_string", "七宝镇漕宝路");
        assertThat(refused(p))
                .hasMessageContaining("address_string")
                .extracting(BadRequest::field)
                .isEqualTo("lat");
    }

    @Test
    void shouldRefuseAParameterGivenTwiceAndNestedJson() {
        assertThatThrownBy(
                        () ->
                                Open311Validation.single(
                                        Map.of("service_code", List.of("09006", "06010"))))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("2 times");
        assertThatThrownBy(() -> Open311Validation.fromJson(Json.read("{\"lat\":{\"x\":1}}")))
                .isInstanceOf(BadRequest.class)
                .extracting(e -> ((BadRequest) e).field())
                .isEqualTo("lat");
        assertThatThrownBy(() -> Open311Validation.fromJson(Json.read("[1]")))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void shouldReadJsonNumbersAsText() throws Exception {
        var p =
                Open311Validation.fromJson(
                        Json.read(
                                "{\"service_code\":\"06010\",\"lat\":31.1,\"long\":121.4,\"email\":null}"));
        assertThat(Open311Validation.validate(p).lat()).isEqualTo(31.1);
    }
}
