package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.stack.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Real HTTP requests against the running intake, publishing to a real Kafka broker. */
class IntakeITCase {
    private static final String KEY = "open311-key-Zq7Wm2Lp9Xs4Tn";
    private static final String TOKEN = "ingest-token-Hb5Kd8Rf3Gy6Jc";
    private static final int BODY_LIMIT = 16 * 1024;

    private static EmbeddedKafka kafka;
    private static IntakeServer intake;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startOnReservedPorts(Path.of("target", "kafka-intake-itcase"));
        kafka.createTopics();
        intake =
                IntakeServer.start(
                        IntakeConfig.defaults()
                                .withPort(0)
                                .withMaxBodyBytes(BODY_LIMIT)
                                .withOpen311Keys(List.of(KEY))
                                .withIngestToken(TOKEN),
                        kafka.bootstrap());
    }

    @AfterAll
    static void stop() throws Exception {
        if (intake != null) {
            intake.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(
                b.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + path));
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&")
                    .append(pairs[i])
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], UTF_8));
        }
        return b.toString();
    }

    @Test
    void shouldPublishAPostedRequestAsAHotlineComplaintTheJobsParse() throws Exception {
        HttpResponse<String> r =
                send(
                        at("/open311/v2/requests.json")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                form(
                                                        "api_key",
                                                        KEY,
                                                        "service_code",
                                                        "09006",
                                                        "lat",
                                                        "31.1126",
                                                        "long",
                                                        "121.3817",
                                                        "description",
                                                        "地铁站出口占道经营",
                                                        "address_string",
                                                        "莘庄地铁站北广场"))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = Json.read(r.body()).get(0).get("service_request_id").asText();

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicReader.await(
                        kafka.bootstrap(),
                        Topics.HOTLINE,
                        got -> got.stream().anyMatch(c -> id.equals(new String(c.key(), UTF_8))));
        ConsumerRecord<byte[], byte[]> mine =
                records.stream()
                        .filter(c -> id.equals(new String(c.key(), UTF_8)))
                        .findFirst()
                        .orElseThrow();
        HotlineEvent e = new HotlineParser(ParseLimits.DEFAULTS).parse(mine.value());
        assertThat(e.caseId()).isEqualTo(id);
        assertThat(e.channel()).isEqualTo("open311");
        assertThat(e.category()).isEqualTo("09006");
        assertThat(e.text()).isEqualTo("地铁站出口占道经营");
        assertThat(e.eventTime())
                .isBetween(
                        Instant.now().minus(Duration.ofHours(1)).toEpochMilli(),
                        System.currentTimeMillis());

        // Not processed by any job here: the intake still knows it, open.
        HttpResponse<String> status = send(at("/open311/v2/requests/" + id + ".json").GET());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(Json.read(status.body()).get(0).get("status").asText()).isEqualTo("open");
        assertThat(send(at("/open311/v2/requests/OS-20000101-NOSUCHCASE.json").GET()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerEachRecordOfABatchAndDeadLetterTheBadOnes() throws Exception {
        String now = Instant.now().minusSeconds(60).toString();
        String good1 =
                "{\"deviceId\":\"CAM-IT-1\",\"kind\":\"STALL_DETECTED\",\"time\":\""
                        + now
                        + "\",\"lat\":31.1124,\"lon\":121.3821,\"spotId\":\"S1\",\"confidence\":0.9}";
        String bad1 =
                "{\"deviceId\":\"CAM-IT-2\",\"kind\":\"STALL_DETECTED\",\"time\":\""
                        + now
                        + "\",\"lat\":91,\"lon\":121.3821,\"spotId\":\"S1\",\"confidence\":0.9}";
        String good2 =
                "{\"deviceId\":\"NOISE-IT-1\",\"kind\":\"NOISE_READING\",\"time\":\""
                        + now
                        + "\",\"lat\":31.11,\"lon\":121.38,\"laeq\":62.5,\"lmax\":70.1}";
        String bad2 = "{\"deviceId\":\"CAM-IT-3\",\"kind\":";
        HttpResponse<String> r =
                send(
                        at("/ingest/iot")
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/x-ndjson")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                String.join("\n", good1, bad1, good2, bad2)
                                                        + "\n")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = Json.read(r.body());
        assertThat(answer.get("accepted").asInt()).as(r.body()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(2);
        JsonNode results = answer.get("records");
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("reasonCode").asText()).isEqualTo("out_of_range");
        assertThat(results.get(1).get("deadLettered").asBoolean()).isTrue();
        assertThat(results.get(2).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(3).get("reasonCode").asText()).isEqualTo("bad_json");

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicReader.await(
                        kafka.bootstrap(),
                        Topics.DEAD_LETTER,
                        got ->
                                got.stream()
                                                .filter(
                                                        c ->
                                                                isDeadLetterOf(c, bad1)
                                                                        || isDeadLetterOf(c, bad2))
                                                .count()
                                        == 2);
        for (ConsumerRecord<byte[], byte[]> c : dead) {
            if (isDeadLetterOf(c, bad1)) {
                JsonNode dl = Json.MAPPER.readTree(c.value());
                assertThat(dl.get("reasonCode").asText()).isEqualTo("out_of_range");
                assertThat(dl.get("sourceTopic").asText()).isEqualTo(Topics.IOT);
                assertThat(dl.get("offset").asLong()).isEqualTo(-1);
                assertThat(dl.get("originalEncoding").asText()).isEqualTo("utf8");
            }
        }
        List<ConsumerRecord<byte[], byte[]>> iot =
                TopicReader.await(
                        kafka.bootstrap(),
                        Topics.IOT,
                        got ->
                                got.stream()
                                                .map(c -> new String(c.value(), UTF_8))
                                                .filter(v -> v.equals(good1) || v.equals(good2))
                                                .count()
                                        == 2);
        assertThat(iot).noneMatch(c -> new String(c.value(), UTF_8).equals(bad1));
    }

    private static boolean isDeadLetterOf(ConsumerRecord<byte[], byte[]> c, String original) {
        return Json.read(new String(c.value(), UTF_8)).path("original").asText().equals(original);
    }

    @Test
    void shouldRefuseWithoutKeyOrToken() throws Exception {
        HttpResponse<String> noKey =
                send(
                        at("/open311/v2/requests.json")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                form(
                                                        "service_code",
                                                        "09006",
                                                        "lat",
                                                        "31.1",
                                                        "long",
                                                        "121.4"))));
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Json.read(noKey.body()).get(0).get("code").asInt()).isEqualTo(401);
        HttpResponse<String> wrongKey =
                send(
                        at("/open311/v2/requests.json")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                form(
                                                        "api_key",
                                                        KEY + "x",
                                                        "service_code",
                                                        "09006",
                                                        "lat",
                                                        "31.1",
                                                        "long",
                                                        "121.4"))));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(
                        send(at("/ingest/hotline")
                                        .header("Content-Type", "application/x-ndjson")
                                        .POST(HttpRequest.BodyPublishers.ofString("{}")))
                                .statusCode())
                .isEqualTo(401);
        assertThat(send(at("/metrics").GET()).statusCode()).isEqualTo(401);
        assertThat(intake.metrics().requests("post_request", "unauthorized"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldNameTheFieldOfABadRequest() throws Exception {
        HttpResponse<String> r =
                send(
                        at("/open311/v2/requests.json")
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"api_key\":\""
                                                        + KEY
                                                        + "\",\"service_code\":\"09006\",\"lat\":95,\"long\":121.4}")));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = Json.read(r.body()).get(0);
        assertThat(e.get("code").asInt()).isEqualTo(400);
        assertThat(e.get("description").asText()).startsWith("lat ");
    }

    @Test
    void shouldRefuseAnOversizedBody() throws Exception {
        HttpResponse<String> r =
                send(
                        at("/ingest/hotline")
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/x-ndjson")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"x\":\"" + "y".repeat(BODY_LIMIT) + "\"}")));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Json.read(r.body()).get(0).get("code").asInt()).isEqualTo(413);
        assertThat(intake.metrics().requests("ingest_hotline", "too_large")).isEqualTo(1);
    }

    @Test
    void shouldListServicesAndServeMetricsWithTheToken() throws Exception {
        HttpResponse<String> r = send(at("/open311/v2/services.json").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.read(r.body()).findValuesAsText("service_code")).contains("09006", "06028");
        HttpResponse<String> m =
                send(at("/metrics").header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body())
                .contains("gridwatch_intake_requests_total{endpoint=\"services\",outcome=\"ok\"}");
    }
}
