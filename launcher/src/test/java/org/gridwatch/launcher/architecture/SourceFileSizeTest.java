package org.gridwatch.launcher.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No source file in any module's {@code src/main} is over {@value #MAX_LINES} lines, as formatted
 * by {@code mvn spotless:apply} (issue 17): a file that long does several jobs, and a newcomer
 * should find a rule without scrolling through others. Test code is exempt (a test class holds a
 * scenario's cases side by side).
 */
class SourceFileSizeTest {
    private static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOverTheLimit() throws IOException {
        Path root = repositoryRoot();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(root)) {
            tooLong =
                    files.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> root.relativize(p).toString().matches("[^/]+/src/main/.*"))
                            .filter(p -> lines(p) > MAX_LINES)
                            .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
                            .sorted()
                            .toList();
        }
        assertThat(tooLong).as("files in src/main over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void theWalkSeesEveryModule() {
        Path root = repositoryRoot();
        for (String module :
                new String[] {
                    "common",
                    "stack",
                    "streaming",
                    "jobs",
                    "console",
                    "simulator",
                    "gateway",
                    "launcher"
                }) {
            assertThat(root.resolve(module).resolve("src/main/java")).as(module).isDirectory();
        }
    }

    /** The launcher module's parent: surefire runs with the module directory as the working one. */
    private static Path repositoryRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
