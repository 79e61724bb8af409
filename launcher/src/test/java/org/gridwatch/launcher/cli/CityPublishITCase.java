package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.config.JobReference;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.ReferenceParser;
import org.gridwatch.launcher.testing.KafkaExtension;
import org.gridwatch.stack.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./gridwatch city publish} against a real broker: the imported example city arrives on the
 * compacted reference topic, one UPSERT per object keyed KIND:id, each one a valid reference
 * update; a broken city publishes nothing.
 */
@ExtendWith(KafkaExtension.class)
class CityPublishITCase {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GridWatchCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private static String resource(String name) throws Exception {
        return Path.of(CityPublishITCase.class.getResource("/city/" + name).toURI()).toString();
    }

    private Path importExample(String name) throws Exception {
        String e = resource("example-gcj02");
        Path city = dir.resolve(name);
        assertThat(
                        run(
                                "city",
                                "import",
                                "--out",
                                city.toString(),
                                "--name",
                                "莘庄示例",
                                "--code",
                                "310112",
                                "--datum",
                                "gcj02",
                                "--grids",
                                e + "/grids.csv",
                                "--sites",
                                e + "/sites.csv",
                                "--zones",
                                e + "/zones.geojson",
                                "--routes",
                                e + "/routes.csv",
                                "--trucks",
                                e + "/trucks.csv",
                                "--permits",
                                e + "/permits.csv",
                                "--officers",
                                e + "/officers.csv",
                                "--devices",
                                e + "/devices.csv",
                                "--addresses",
                                e + "/addresses.csv"))
                .as(out.toString())
                .isZero();
        return city;
    }

    @Test
    void publishesEveryObjectOfTheCityAsAKeyedUpsertOnTheCompactedTopic() throws Exception {
        Path city = importExample("xinzhuang");
        Map<TopicPartition, Long> before = ends();

        assertThat(run("city", "publish", city.toString(), "--kafka", KafkaExtension.bootstrap()))
                .as(out.toString())
                .isZero();

        var c = CityFiles.read(city);
        int objects =
                1
                        + c.grids().size()
                        + c.sites().size()
                        + c.zones().size()
                        + c.permits().size()
                        + c.trucks().size()
                        + c.officers().size()
                        + c.devices().size()
                        + c.addresses().size();
        assertThat(c.addresses()).as("the example's address table (issue 19)").hasSize(2);
        assertThat(out.toString()).contains("Published 莘庄示例").contains(objects + " updates");
        List<ConsumerRecord<byte[], byte[]>> published = readSince(before);
        assertThat(published).hasSize(objects);
        ReferenceParser parser = new ReferenceParser(ParseLimits.DEFAULTS);
        for (ConsumerRecord<byte[], byte[]> r : published) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            var update = parser.parse(r.value());
            assertThat(key).isEqualTo(update.kind() + ":" + update.id());
        }
        assertThat(published)
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .contains(
                        "CITY:city",
                        "GRID:" + c.grids().get(0).gridCode(),
                        "TRUCK:" + c.trucks().get(0).truckId(),
                        "ADDRESS:MH-000001");
        try (Admin admin = admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REFERENCE);
            String policy =
                    admin.describeConfigs(List.of(topic))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .get("cleanup.policy")
                            .value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    /**
     * What a job started without {@code --city} does first ({@link ReferenceBootstrap}): read the
     * topic to its end. It gets the published city's zone (not the default one), and each object
     * once, in its latest version.
     */
    @Test
    void aJobWithoutCityFilesStartsFromThePublishedCity() throws Exception {
        Path city = importExample("urumqi-clock");
        ObjectNode meta = (ObjectNode) Json.MAPPER.readTree(city.resolve("city.json").toFile());
        meta.put("timeZone", "Asia/Urumqi");
        Files.writeString(city.resolve("city.json"), meta.toString());
        assertThat(run("city", "publish", city.toString(), "--kafka", KafkaExtension.bootstrap()))
                .as(out.toString())
                .isZero();
        var c = CityFiles.read(city);
        Truck first = c.trucks().get(0);
        ArrayNode trucks = (ArrayNode) Json.MAPPER.readTree(city.resolve("trucks.json").toFile());
        ((ObjectNode) trucks.get(0)).put("company", "换了车队");
        Files.writeString(city.resolve("trucks.json"), trucks.toString());
        assertThat(run("city", "publish", city.toString(), "--kafka", KafkaExtension.bootstrap()))
                .as(out.toString())
                .isZero();

        JobSettings settings =
                JobReference.complete(
                        JobSettings.fromArgs(
                                new String[] {"--kafka", KafkaExtension.bootstrap()}, "test"));

        assertThat(settings.cityZone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(settings.reference().endOffsets())
                .isEqualTo(
                        ends().entrySet().stream()
                                .collect(
                                        java.util.stream.Collectors.toMap(
                                                en -> en.getKey().partition(),
                                                Map.Entry::getValue)));
        List<ReferenceUpdate> sameTruck =
                settings.reference().updates().stream()
                        .filter(u -> u.kind().equals("TRUCK") && u.id().equals(first.truckId()))
                        .toList();
        assertThat(sameTruck).hasSize(1);
        assertThat(sameTruck.get(0).payload()).contains("换了车队");
        assertThat(settings.reference().toReference().trucks().get(first.truckId()).company())
                .isEqualTo("换了车队");
        // The address table too (issue 19): a complaint without coordinates is placed from the
        // topic alone.
        assertThat(
                        settings.reference()
                                .toReference()
                                .findAddress("莘松路123弄4号")
                                .address()
                                .addressId())
                .isEqualTo("MH-000001");
    }

    @Test
    void aCityThatCheckRefusesIsNotPublished() throws Exception {
        Map<TopicPartition, Long> before = ends();
        assertThat(
                        run(
                                "city",
                                "publish",
                                resource("broken"),
                                "--kafka",
                                KafkaExtension.bootstrap()))
                .isEqualTo(CityCheckCommand.EXIT_ERRORS);
        assertThat(out.toString()).contains("ERROR").contains("Nothing published.");
        assertThat(ends()).isEqualTo(before);
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaExtension.bootstrap()));
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaExtension.bootstrap());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** End offsets of the reference topic (created here when missing, as publish would). */
    private static Map<TopicPartition, Long> ends() {
        EmbeddedKafka.ensureTopics(KafkaExtension.bootstrap());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(Topics.REFERENCE).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            return consumer.endOffsets(parts);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readSince(Map<TopicPartition, Long> from) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> to = consumer.endOffsets(from.keySet());
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
