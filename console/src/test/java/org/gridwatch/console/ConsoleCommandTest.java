package org.gridwatch.console;

import org.gridwatch.common.kafka.KafkaClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gridwatch console} refuses unsafe settings with one line on stderr and exit code 2, before
 * it listens.
 */
class ConsoleCommandTest {
    record Run(int exit, String err) {}

    private static Run run(Map<String, String> env, String... args) throws Exception {
        ConsoleCommand cmd = new ConsoleCommand();
        cmd.env = env::get;
        CommandLine cli = new CommandLine(cmd);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        String es = TestConsole.unreachableEs();
        String[] all = new String[args.length + 4];
        all[0] = "--es";
        all[1] = es;
        all[2] = "--port";
        all[3] = "0";
        System.arraycopy(args, 0, all, 4, args.length);
        return new Run(cli.execute(all), err.toString());
    }

    private static void assertRefusedInOneLine(Run r, String containing) {
        assertThat(r.exit()).as(r.err()).isEqualTo(ConsoleCommand.REFUSED);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err())
                .startsWith("gridwatch console: ")
                .contains(containing)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void aNonLoopbackBindWithoutTokenIsOneLine() throws Exception {
        assertRefusedInOneLine(run(Map.of(), "--bind", "0.0.0.0"), ConsoleConfig.TOKEN_ENV);
    }

    @Test
    void aWeakTokenIsOneLineAndNotRepeated() throws Exception {
        Run r = run(Map.of(ConsoleConfig.TOKEN_ENV, "hunter2"));
        assertRefusedInOneLine(r, "too short");
        assertThat(r.err()).doesNotContain("hunter2");
        assertRefusedInOneLine(
                run(Map.of(ConsoleConfig.TOKEN_ENV, "z".repeat(40)), "--bind", "0.0.0.0"),
                "different characters");
    }

    @Test
    void badAllowListEntriesAndOriginsAreOneLine() throws Exception {
        assertRefusedInOneLine(
                run(Map.of(ConsoleConfig.WEBHOOK_ALLOW_ENV, "hooks.example.org, 10.0.0.0/99")),
                "10.0.0.0/99");
        assertRefusedInOneLine(
                run(Map.of(), "--webhook-allow", "https://hooks.example.org/x"),
                "webhook allow entry");
        assertRefusedInOneLine(run(Map.of(), "--origin", "console.example"), "--origin");
        assertRefusedInOneLine(run(Map.of(), "--tile-url", "javascript:alert(1)"), "--tile-url");
    }

    private static ConsoleConfig parsed(Map<String, String> env, String... args) {
        ConsoleCommand cmd = new ConsoleCommand();
        cmd.env = env::get;
        new CommandLine(cmd).parseArgs(args);
        return cmd.config();
    }

    @TempDir Path dir;

    @Test
    void thePushConsumerTakesTheKafkaPropertiesFileFromTheFlagOrTheEnvironment() throws Exception {
        Path flag =
                Files.writeString(
                        dir.resolve("flag.properties"),
                        "security.protocol=SSL\nssl.truststore.password=s3cret\n");
        Path fromEnv =
                Files.writeString(dir.resolve("env.properties"), "security.protocol=SASL_SSL\n");
        Map<String, String> env = Map.of(KafkaClientProperties.ENV, fromEnv.toString());

        ConsoleConfig byFlag =
                parsed(env, "--kafka", "broker:9093", "--kafka-properties", flag.toString());
        assertThat(byFlag.kafkaClient().entries())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.password", "s3cret");
        assertThat(byFlag.kafkaClient().describe())
                .contains("ssl.truststore.password=<hidden>")
                .doesNotContain("s3cret");
        assertThat(parsed(env, "--kafka", "broker:9093").kafkaClient().entries())
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(parsed(Map.of(), "--kafka", "broker:9093").kafkaClient())
                .isEqualTo(KafkaClientProperties.NONE);
    }

    @Test
    void aMissingOrForbiddingKafkaPropertiesFileIsOneLine() throws Exception {
        assertRefusedInOneLine(
                run(Map.of(), "--kafka-properties", dir.resolve("absent.properties").toString()),
                "--kafka-properties");
        Path redirect =
                Files.writeString(
                        dir.resolve("redirect.properties"), "bootstrap.servers=elsewhere:9092\n");
        assertRefusedInOneLine(
                run(Map.of(KafkaClientProperties.ENV, redirect.toString())), "bootstrap.servers");
    }
}
