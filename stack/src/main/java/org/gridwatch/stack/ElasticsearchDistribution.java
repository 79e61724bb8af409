package org.gridwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch server zip that Maven keeps in the local repository (a dependency of this
 * module), and its unpacking: Maven downloads it like any artifact, so a fresh machine needs no
 * download of its own.
 */
final class ElasticsearchDistribution {
    private ElasticsearchDistribution() {}

    public static String version() {
        return versions().getProperty("elasticsearch.version");
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in =
                ElasticsearchDistribution.class.getResourceAsStream(
                        "/org/gridwatch/stack/versions.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new StackException(
                    "versions.properties is missing from gridwatch-stack; rebuild with 'mvn -B -DskipTests package'",
                    e);
        }
        return p;
    }

    /**
     * The server zip in the local Maven repository (downloaded by the build as a dependency of the
     * launcher).
     */
    static Path distributionZip() {
        Properties v = versions();
        String version = v.getProperty("elasticsearch.version");
        Path repo =
                Path.of(
                        System.getProperty(
                                "gridwatch.m2", v.getProperty("maven.local.repository")));
        Path zip =
                repo.resolve(
                        "org/elasticsearch/distribution/integ-test-zip/elasticsearch/"
                                + version
                                + "/elasticsearch-"
                                + version
                                + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new StackException(
                    "the Elasticsearch "
                            + version
                            + " server zip is not in the local Maven repository ("
                            + zip
                            + "). Run 'mvn -B -DskipTests package' once to download it.");
        }
        return zip;
    }

    /** The server unpacked under {@code base} (once: a later call finds it there). */
    static Path unpack(Path base) {
        String version = version();
        Path home = base.resolve("elasticsearch-" + version);
        if (Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Path zip = distributionZip();
        Path tmp = base.resolve("unpacking-" + version);
        try {
            EmbeddedKafka.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException(
                                "zip entry outside the target directory: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                }
            }
            Path unpacked = tmp.resolve("elasticsearch-" + version);
            // The zip keeps no permissions: scripts and native tools must be executable.
            for (String dir : List.of("bin", "modules/x-pack-ml/platform")) {
                Path d = unpacked.resolve(dir);
                if (Files.isDirectory(d)) {
                    try (var files = Files.walk(d)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            makeExecutable(f);
                        }
                    }
                }
            }
            Files.move(unpacked, home);
            EmbeddedKafka.deleteRecursively(tmp);
        } catch (IOException e) {
            throw new StackException(
                    "cannot unpack " + zip + " into " + base + ": " + e.getMessage(), e);
        }
        return home;
    }

    private static void makeExecutable(Path f) throws IOException {
        Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(f));
        p.addAll(
                EnumSet.of(
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(f, p);
    }
}
