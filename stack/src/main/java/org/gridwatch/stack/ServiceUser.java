package org.gridwatch.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Elasticsearch refuses to run as root: when this JVM runs as root, the server runs as the
 * unprivileged system user {@value #NAME}, created on first use, in directories it can reach.
 */
final class ServiceUser {
    static final String NAME = "gridwatch";

    /** Parent of the service user's directories when the work directory is out of its reach. */
    static final String DIRS = "/var/lib/gridwatch";

    private ServiceUser() {}

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void ensure() {
        if (run(List.of("id", "-u", NAME)) == 0) {
            return;
        }
        int rc =
                run(
                        List.of(
                                "useradd",
                                "--system",
                                "--no-create-home",
                                "--shell",
                                "/usr/sbin/nologin",
                                NAME));
        if (rc != 0 && run(List.of("id", "-u", NAME)) != 0) {
            throw new StackException(
                    "running as root, and the unprivileged user '"
                            + NAME
                            + "' for Elasticsearch could not be created (useradd exit "
                            + rc
                            + "). Create it yourself or run the launcher as a normal user.");
        }
    }

    static void chown(Path dir) {
        int rc = run(List.of("chown", "-R", NAME + ":", dir.toString()));
        if (rc != 0) {
            throw new StackException(
                    "cannot give " + dir + " to the user '" + NAME + "' (chown exit " + rc + ")");
        }
    }

    /**
     * The nearest parent of {@code dir} that others cannot enter (no 'x' for others), or null when
     * every one can be entered.
     */
    static Path firstUntraversableParent(Path dir) {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p)
                        .contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return p;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }
        return null;
    }

    private static int run(List<String> cmd) {
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
