package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alerts of a run with faults held against those of the same scenario without: every alert
 * revision a team received on {@code gridwatch.alerts} (committed, so as a read-committed consumer
 * sees it) and every final document in {@code gridwatch-alerts}, compared on what they say (id,
 * revision, type, entity, status, severity, episode), not on when they were written.
 */
record RunComparison(
        List<String> lost,
        List<String> duplicated,
        List<String> unexpected,
        List<String> documentsDiffering) {

    static RunComparison of(EvaluateCommand.Run clean, EvaluateCommand.Run faulty) {
        Map<String, Long> expected = count(clean.alertRevisions());
        Map<String, Long> actual = count(faulty.alertRevisions());
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        expected.forEach(
                (k, n) -> {
                    long got = actual.getOrDefault(k, 0L);
                    if (got < n) {
                        lost.add(k);
                    } else if (got > n) {
                        duplicated.add(k + " x" + got);
                    }
                });
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(unexpected::add);
        Map<String, String> cleanDocs = byId(clean.alertDocuments());
        Map<String, String> faultyDocs = byId(faulty.alertDocuments());
        List<String> differing = new ArrayList<>();
        cleanDocs.forEach(
                (id, d) -> {
                    if (!d.equals(faultyDocs.get(id))) {
                        differing.add(d + " vs " + faultyDocs.getOrDefault(id, "(missing)"));
                    }
                });
        faultyDocs.keySet().stream()
                .filter(id -> !cleanDocs.containsKey(id))
                .forEach(id -> differing.add("(none) vs " + faultyDocs.get(id)));
        return new RunComparison(lost, duplicated, unexpected, differing);
    }

    boolean identical() {
        return lost.isEmpty()
                && duplicated.isEmpty()
                && unexpected.isEmpty()
                && documentsDiffering.isEmpty();
    }

    void print(PrintStream out) {
        out.println("alerts identical to the fault-free run: " + (identical() ? "yes" : "no"));
        if (!identical()) {
            out.printf(
                    "  revisions lost %d, duplicated %d, not in the fault-free run %d; alert documents differing %d%n",
                    lost.size(), duplicated.size(), unexpected.size(), documentsDiffering.size());
            lost.stream().limit(20).forEach(k -> out.println("  lost         " + k));
            duplicated.stream().limit(20).forEach(k -> out.println("  duplicated   " + k));
            unexpected.stream().limit(20).forEach(k -> out.println("  unexpected   " + k));
            documentsDiffering.stream().limit(20).forEach(k -> out.println("  document     " + k));
        }
    }

    /**
     * Writes the run's alert revisions and documents (one line each, as compared) into its
     * directory.
     */
    static void write(EvaluateCommand.Run run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(
                dir.resolve("alert-revisions.txt"),
                run.alertRevisions().stream().map(RunComparison::key).sorted().toList());
        Files.write(
                dir.resolve("alert-documents.txt"),
                run.alertDocuments().stream().map(RunComparison::key).sorted().toList());
    }

    private static Map<String, Long> count(List<JsonNode> alerts) {
        return alerts.stream()
                .collect(
                        Collectors.groupingBy(
                                RunComparison::key, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, String> byId(List<JsonNode> docs) {
        return docs.stream()
                .collect(
                        Collectors.toMap(
                                d -> d.path("alertId").asText(),
                                RunComparison::key,
                                (a, b) -> a + " | " + b,
                                TreeMap::new));
    }

    /** What an alert says, without the wall-clock fields that differ from run to run. */
    static String key(JsonNode a) {
        Function<String, String> f = name -> a.path(name).asText("");
        return String.join(
                " ",
                f.apply("alertId"),
                "r" + f.apply("revision"),
                f.apply("type"),
                f.apply("entityId"),
                f.apply("status"),
                f.apply("severity"),
                f.apply("episodeStart"),
                f.apply("episodeEnd"),
                f.apply("eventTime"));
    }
}
