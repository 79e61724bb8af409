package org.gridwatch.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.TerminalDirectory;
import org.gridwatch.gateway.codec.Authentication;
import org.gridwatch.gateway.codec.FrameCodec;
import org.gridwatch.gateway.codec.Hex;
import org.gridwatch.gateway.codec.Packet;
import org.gridwatch.gateway.codec.Registration;
import org.gridwatch.stack.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.gateway.codec.MessageIds.*;
import static org.gridwatch.gateway.codec.TestFrames.*;

/**
 * A terminal on a real TCP socket, the gateway, and a real Kafka broker: positions and dead letters
 * arrive.
 */
class Jt808GatewayITCase {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.startOnReservedPorts(Path.of("target", "kafka-itcase"));
        kafka.createTopics();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldPublishPositionsAndDeadLettersToKafka() throws Exception {
        TerminalDirectory trucks =
                TerminalDirectory.of(List.of(new Truck("T0042", "沪D52817", "申城运输", PHONE)));
        try (Jt808Gateway gw =
                        Jt808Gateway.start(
                                GatewayConfig.defaults().withPort(0), trucks, kafka.bootstrap());
                Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            InputStream in = s.getInputStream();
            o.write(
                    frame(
                            REGISTER,
                            1,
                            new Registration(31, 112, "GW", "M1", "T1", 2, "沪D52817")
                                    .encode(false)));
            Packet reg = readFrame(in);
            String code =
                    new String(reg.body(), 3, reg.body().length - 3, StandardCharsets.US_ASCII);
            o.write(frame(AUTHENTICATE, 2, new Authentication(code, null, null).encode(false)));
            assertThat(readFrame(in).body()[4]).isZero();
            // garbage, then a good report, then a frame with a bad check code: the connection
            // survives all
            o.write(Hex.bytes("0d0a"));
            o.write(frame(LOCATION, 3, shanghai(T0)));
            byte[] bad = frame(LOCATION, 4, shanghai(T0.plusSeconds(10)));
            byte[] c = FrameCodec.unescape(bad, 1, bad.length - 2);
            c[c.length - 1] ^= 0x21;
            o.write(FrameCodec.escape(c));
            o.write(frame(LOCATION, 5, shanghai(T0.plusSeconds(20))));
            o.flush();
            // Replies to locations wait for Kafka's ack, so they may come after the "bad message"
            // one.
            Map<Integer, Integer> resultBySerial = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                byte[] b = readFrame(in).body();
                resultBySerial.put(((b[0] & 0xff) << 8) | (b[1] & 0xff), (int) b[4]);
            }
            assertThat(resultBySerial)
                    .isEqualTo(Map.of(3, RESULT_OK, 4, RESULT_BAD_MESSAGE, 5, RESULT_OK));

            List<ConsumerRecord<byte[], byte[]>> gps = consume(Topics.GPS, 2);
            GpsParser parser = new GpsParser(ParseLimits.DEFAULTS, () -> T0.toEpochMilli());
            List<GpsPing> pings = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : gps) {
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("T0042");
                pings.add(parser.parse(r.value()));
            }
            assertThat(pings)
                    .extracting(GpsPing::eventTime)
                    .containsExactlyInAnyOrder(
                            T0.toEpochMilli(), T0.plusSeconds(20).toEpochMilli());
            assertThat(pings)
                    .allSatisfy(
                            p -> {
                                assertThat(p.entityId()).isEqualTo("T0042");
                                assertThat(p.source()).isEqualTo("jt808");
                                assertThat(p.plate()).isEqualTo("沪D52817");
                            });

            List<ConsumerRecord<byte[], byte[]>> dead = consume(Topics.DEAD_LETTER, 2);
            List<JsonNode> letters =
                    dead.stream()
                            .map(r -> Json.read(new String(r.value(), StandardCharsets.UTF_8)))
                            .toList();
            assertThat(letters)
                    .extracting(j -> j.path("reasonCode").asText())
                    .containsExactlyInAnyOrder("jt808_garbage", "jt808_bad_checksum");
            JsonNode checksum =
                    letters.stream()
                            .filter(j -> j.path("reasonCode").asText().equals("jt808_bad_checksum"))
                            .findFirst()
                            .orElseThrow();
            assertThat(checksum.path("original").asText()).isEqualTo(Hex.of(FrameCodec.escape(c)));
            assertThat(checksum.path("originalEncoding").asText()).isEqualTo("hex");
            assertThat(checksum.path("sourceTopic").asText()).isEqualTo("jt808");
            assertThat(gw.metrics().rejectedByReason())
                    .containsEntry("jt808_garbage", 1L)
                    .containsEntry("jt808_bad_checksum", 1L);
        }
    }

    private static Packet readFrame(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int v;
        while ((v = in.read()) != 0x7e) {
            assertThat(v).as("stream open").isNotNegative();
        }
        while ((v = in.read()) != 0x7e) {
            assertThat(v).as("stream open").isNotNegative();
            b.write(v);
        }
        byte[] e = b.toByteArray();
        return Packet.decode(FrameCodec.unescape(e, 0, e.length));
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int atLeast) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "itcase-" + topic,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < atLeast && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        assertThat(out).as("records on %s", topic).hasSizeGreaterThanOrEqualTo(atLeast);
        return out;
    }
}
