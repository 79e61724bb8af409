package org.gridwatch.launcher.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** Where the local cluster's jobs keep their checkpoints and savepoints, one directory per job. */
final class CheckpointDirs {
    private final Path root;

    CheckpointDirs(Path root) {
        this.root = root;
    }

    /**
     * A job's newest completed checkpoint or savepoint (a job killed with the JVM leaves its latest
     * checkpoint behind), or null when there is none.
     */
    String latestRetained(String jobName) throws IOException {
        Path dir = of(jobName);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .map(f -> f.getParent().toUri().toString())
                    .orElse(null);
        }
    }

    /**
     * Forgets a job's checkpoints and savepoints: after a bounded run they hold the state at the
     * end of time (every timer fired), which no later run may resume from.
     */
    void forget(String jobName) throws IOException {
        Path dir = of(jobName);
        if (!Files.isDirectory(dir)) {
            return;
        }
        // Flink may still be discarding subsumed checkpoints in there: a file already gone is fine.
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e)
                            throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e)
                            throws IOException {
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /**
     * Each job checkpoints into a directory of its own, so that a restart finds the right job's
     * state.
     */
    Path of(String jobName) {
        return root.resolve(jobName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    }

    String savepoints(String jobName) {
        return of(jobName).resolve("savepoints").toUri().toString();
    }
}
