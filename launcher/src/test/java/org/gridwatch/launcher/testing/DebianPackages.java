package org.gridwatch.launcher.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian packages a test needs (a browser, Prometheus), installed with apt when they are missing
 * and the test runs as root; a test that still lacks them skips with the reason (see {@link
 * #ensure}).
 *
 * <p>Installation never starts the packages' services: when the machine has no {@code
 * /usr/sbin/policy-rc.d}, one that denies every start is put there for the install and removed
 * after it (Debian's standard switch; Docker images ship one permanently). Tests run the programs
 * themselves.
 */
public final class DebianPackages {
    private static final Path POLICY = Path.of("/usr/sbin/policy-rc.d");

    private DebianPackages() {}

    /**
     * True when every {@code required} path exists, after installing {@code packages} (after an
     * {@code apt-get update} when the first try fails) if one is missing and this JVM runs as root;
     * with {@code recommends} false apt leaves out the packages' recommendations. apt's output goes
     * to {@code log}.
     */
    public static boolean ensure(
            List<Path> required, Path log, boolean recommends, String... packages)
            throws InterruptedException {
        if (allExist(required)) {
            return true;
        }
        if (!"root".equals(System.getProperty("user.name"))
                || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return false;
        }
        String names = String.join(" ", packages);
        String install =
                "DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
                        + (recommends ? "" : "--no-install-recommends ")
                        + names;
        boolean ownPolicy = false;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (!Files.exists(POLICY)) {
                Files.writeString(
                        POLICY,
                        "#!/bin/sh\n# written by a GridWatch test for one apt-get install\nexit 101\n");
                POLICY.toFile().setExecutable(true);
                ownPolicy = true;
            }
            Process p =
                    new ProcessBuilder(
                                    "bash",
                                    "-c",
                                    "(" + install + " || (apt-get update -q && " + install + "))")
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroy();
            }
        } catch (IOException e) {
            // fall through: the caller skips with its reason
        } finally {
            if (ownPolicy) {
                try {
                    Files.deleteIfExists(POLICY);
                } catch (IOException e) {
                    // left behind: it only stops services from starting on package installs
                }
            }
        }
        return allExist(required);
    }

    private static boolean allExist(List<Path> paths) {
        return paths.stream().allMatch(Files::exists);
    }
}
