package org.gridwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gridwatch console} refuses unsafe settings with one line on stderr and exit code 2, before it listens. */
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
        assertThat(r.err()).startsWith("gridwatch console: ").contains(containing).doesNotContain("Exception").doesNotContain("\tat ");
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
        assertRefusedInOneLine(run(Map.of(ConsoleConfig.TOKEN_ENV, "z".repeat(40)), "--bind", "0.0.0.0"), "different characters");
    }

    @Test
    void badAllowListEntriesAndOriginsAreOneLine() throws Exception {
        assertRefusedInOneLine(run(Map.of(ConsoleConfig.WEBHOOK_ALLOW_ENV, "hooks.example.org, 10.0.0.0/99")), "10.0.0.0/99");
        assertRefusedInOneLine(run(Map.of(), "--webhook-allow", "https://hooks.example.org/x"), "webhook allow entry");
        assertRefusedInOneLine(run(Map.of(), "--origin", "console.example"), "--origin");
        assertRefusedInOneLine(run(Map.of(), "--tile-url", "javascript:alert(1)"), "--tile-url");
    }
}
