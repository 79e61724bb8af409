package org.gridwatch.launcher.cli;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code --kafka-properties FILE} (env GRIDWATCH_KAFKA_PROPERTIES) on every launcher command that
 * opens a Kafka client: parsed by picocli into the same {@link KafkaClientProperties} the jobs use,
 * with the same refusals, and in demo/run one option reaching the jobs too.
 */
class KafkaClientOptionTest {
    @TempDir Path dir;

    private Path tls;

    @BeforeEach
    void writeFile() throws Exception {
        tls =
                Files.writeString(
                        dir.resolve("kafka.properties"),
                        """
                security.protocol=SSL
                ssl.truststore.location=/etc/gridwatch/kafka-truststore.p12
                ssl.truststore.password=s3cret-store
                """);
    }

    /** The command picocli picked for {@code args} (the innermost subcommand). */
    private static Object parse(String... args) {
        ParseResult r = new CommandLine(new GridWatchCli()).parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().userObject();
    }

    private static KafkaClientOption optionOf(Object command) throws Exception {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            for (var f : c.getDeclaredFields()) {
                f.setAccessible(true);
                if (f.getType() == KafkaClientOption.class) {
                    return (KafkaClientOption) f.get(command);
                }
                if (f.getType() == StackOptions.class) {
                    return ((StackOptions) f.get(command)).kafkaClient;
                }
            }
        }
        throw new AssertionError(command.getClass().getSimpleName() + " has no --kafka-properties");
    }

    private static void assertTls(KafkaClientProperties p) {
        assertThat(p.entries())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.password", "s3cret-store");
        assertThat(p.describe())
                .contains("security.protocol=SSL", "ssl.truststore.password=<hidden>")
                .doesNotContain("s3cret-store");
    }

    @Test
    void everyCommandThatOpensAKafkaClientTakesTheFile() throws Exception {
        String f = tls.toString();
        List<String[]> commands =
                List.of(
                        new String[] {
                            "city",
                            "publish",
                            dir.toString(),
                            "--kafka",
                            "broker:9093",
                            "--kafka-properties",
                            f
                        },
                        new String[] {
                            "replay", "x.ndjson", "--kafka", "broker:9093", "--kafka-properties", f
                        },
                        new String[] {
                            "simulate", "--kafka", "broker:9093", "--kafka-properties", f
                        },
                        new String[] {"gateway", "--kafka", "broker:9093", "--kafka-properties", f},
                        new String[] {"demo", "--kafka", "broker:9093", "--kafka-properties", f},
                        new String[] {
                            "run",
                            "--city",
                            dir.toString(),
                            "--kafka",
                            "broker:9093",
                            "--kafka-properties",
                            f
                        },
                        new String[] {
                            "evaluate", "--kafka", "broker:9093", "--kafka-properties", f
                        },
                        new String[] {
                            "benchmark", "--kafka", "broker:9093", "--kafka-properties", f
                        });
        for (String[] args : commands) {
            KafkaClientOption option = optionOf(parse(args));
            option.env = Map.<String, String>of()::get;
            assertTls(option.properties());
        }
    }

    @Test
    void withoutTheFlagTheEnvironmentVariableCountsAndWithoutEitherKafkaDefaults()
            throws Exception {
        KafkaClientOption option = optionOf(parse("replay", "x.ndjson"));
        option.env = Map.of(KafkaClientProperties.ENV, tls.toString())::get;
        assertTls(option.properties());

        KafkaClientOption none = optionOf(parse("city", "publish", dir.toString()));
        none.env = Map.<String, String>of()::get;
        assertThat(none.properties()).isEqualTo(KafkaClientProperties.NONE);
    }

    @Test
    void aFileTheJobsWouldRefuseIsRefusedHereWithTheSameMessage() throws Exception {
        Path redirect =
                Files.writeString(
                        dir.resolve("redirect.properties"), "bootstrap.servers=elsewhere:9092\n");
        KafkaClientOption option =
                optionOf(parse("gateway", "--kafka-properties", redirect.toString()));
        assertThatIllegalArgumentException()
                .isThrownBy(option::properties)
                .withMessageContaining("--kafka-properties")
                .withMessageContaining("bootstrap.servers");
        KafkaClientOption missing =
                optionOf(parse("simulate", "--kafka-properties", dir.resolve("absent").toString()));
        assertThatIllegalArgumentException()
                .isThrownBy(missing::properties)
                .withMessageContaining("is not a readable file");
    }

    @Test
    void theCommandLineReportsAnUnusableFileInOneLineWithExitCode2() throws Exception {
        CommandLine cli = new CommandLine(new GridWatchCli());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(GridWatchCli.HANDLER);
        int exit =
                cli.execute(
                        "replay",
                        dir.resolve("x.ndjson").toString(),
                        "--kafka-properties",
                        dir.resolve("absent").toString());
        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("gridwatch: --kafka-properties:")
                .doesNotContain("\tat ");
    }

    @Test
    void demoAndRunRefuseTheFileForTheEmbeddedBroker() throws Exception {
        DemoCommand demo = (DemoCommand) parse("demo", "--kafka-properties", tls.toString());
        assertThatIllegalArgumentException()
                .isThrownBy(demo.stackOptions::validate)
                .withMessageContaining("--kafka");
        RunCommand run =
                (RunCommand)
                        parse(
                                "run",
                                "--city",
                                dir.toString(),
                                "--kafka",
                                "broker:9093",
                                "--kafka-properties",
                                tls.toString());
        run.stackOptions.validate();
    }

    @Test
    void inDemoAndRunTheOneOptionReachesTheJobs() throws Exception {
        KafkaClientProperties client = KafkaClientProperties.read(tls.toString());
        JobSettings settings =
                JobSettings.fromArgs(
                        LocalStack.jobArgs("broker:9093", client, "--es", "http://es:9200"), "g");
        assertThat(settings.kafkaBootstrap()).isEqualTo("broker:9093");
        assertThat(settings.kafkaClient()).isEqualTo(client);
        assertThat(
                        LocalStack.jobArgs(
                                "broker:9093",
                                KafkaClientProperties.NONE,
                                "--es",
                                "http://es:9200"))
                .containsExactly("--kafka", "broker:9093", "--es", "http://es:9200");
    }
}
