package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.config.Durations;
import org.gridwatch.common.json.Json;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.sim.score.AlertDetections;
import org.gridwatch.sim.score.ScoreRow;
import org.gridwatch.sim.score.Scoring;
import org.gridwatch.sim.score.TruthFiles;
import org.gridwatch.sim.score.TruthRecord;
import org.gridwatch.stack.EmbeddedElasticsearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./gridwatch score}: precision and recall per alert type against a truth file. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores the alerts in Elasticsearch (or in an NDJSON file of alert documents) against a truth file.",
            "Matching rule: same alert type and entity, and the alert's episode (widened by the tolerance)",
            "overlaps the truth interval; each truth record and each alert id matches at most once, so an",
            "alert raised twice for one violation is one true and one false positive.",
            "Prints 'TYPE tp=N fp=N fn=N precision=P recall=R' per type, then 'precision=P recall=R'."
        })
public final class ScoreCommand implements Callable<Integer> {
    private static final String LOCAL_ES = "http://localhost:9200";
    static final String WINDOW_FILE = "truth-window.json";

    @Option(
            names = "--truth",
            required = true,
            paramLabel = "FILE",
            description = "truth.ndjson written by simulate or evaluate.")
    Path truthFile;

    @Option(
            names = "--alerts",
            paramLabel = "FILE",
            description =
                    "NDJSON of alert documents (e.g. the gridwatch.alerts topic); default: read Elasticsearch.")
    Path alertsFile;

    @Option(
            names = "--es",
            paramLabel = "URL",
            description = {
                "Elasticsearch to read gridwatch-alerts from. Default: the one on localhost:9200,",
                "or, when none answers there, the embedded one of the last `gridwatch run` (started for the scoring and stopped again)."
            })
    String es;

    @Option(
            names = "--mismatches",
            paramLabel = "FILE",
            description = "Write every miss, false alarm and episode not scored to this file.")
    Path mismatchesFile;

    @Option(
            names = "--export",
            paramLabel = "FILE",
            description =
                    "Also write the alert documents scored to this file (NDJSON, one per alert).")
    Path exportFile;

    @Option(
            names = "--work-dir",
            defaultValue = ".gridwatch",
            description = "The work directory of `gridwatch run` (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(
            names = "--tolerance",
            defaultValue = "120s",
            description =
                    "Time tolerance on both sides of each truth interval (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(
            names = "--window-end",
            paramLabel = "ISO-INSTANT",
            description = {
                "Ignore alerts that begin after this instant (the scenario's end;",
                "default: the simulation's end from "
                        + WINDOW_FILE
                        + " beside the truth file, when there is one)."
            })
    Instant windowEnd;

    @Override
    public Integer call() throws Exception {
        List<TruthRecord> truth = TruthFiles.read(truthFile);
        List<JsonNode> docs =
                alertsFile != null
                        ? readNdjson(alertsFile)
                        : es != null ? fromEs(es) : fromLocalEs();
        if (exportFile != null) {
            Files.write(
                    exportFile,
                    docs.stream().map(JsonNode::toString).toList(),
                    StandardCharsets.UTF_8);
        }
        Instant end = windowEnd != null ? windowEnd : simulatedEnd(truthFile);
        if (windowEnd == null && end != null) {
            // The end of a recording is not a silence: what a final end-of-time watermark raises
            // after it (a truck "lost", a grid "uncovered") no input could have decided.
            System.out.println(
                    "Scoring alerts that begin by "
                            + end
                            + ", the simulation's end ("
                            + WINDOW_FILE
                            + ")");
        }
        List<String> mismatches = new ArrayList<>();
        List<ScoreRow> rows =
                Scoring.score(
                        truth,
                        AlertDetections.from(docs),
                        end == null ? Long.MAX_VALUE : end.toEpochMilli(),
                        Durations.parse("--tolerance", tolerance).toMillis(),
                        mismatches);
        Scoring.print(rows, System.out);
        if (mismatchesFile != null) {
            Files.write(mismatchesFile, mismatches, StandardCharsets.UTF_8);
            System.out.printf(
                    "%,d misses, false alarms and episodes not scored listed in %s%n",
                    mismatches.size(), mismatchesFile.toAbsolutePath());
        }
        return 0;
    }

    /**
     * Written by simulate beside the truth file: the simulated window, so that score can ignore
     * what comes after it.
     */
    static void writeWindow(Path truthFile, Instant from, Instant until) throws IOException {
        Files.writeString(
                truthFile.resolveSibling(WINDOW_FILE),
                "{\"from\":\"" + from + "\",\"until\":\"" + until + "\"}\n",
                StandardCharsets.UTF_8);
    }

    static Instant simulatedEnd(Path truthFile) throws Exception {
        Path window = truthFile.resolveSibling(WINDOW_FILE);
        if (!Files.isRegularFile(window)) {
            return null;
        }
        try {
            return Instant.parse(
                    Json.read(Files.readString(window, StandardCharsets.UTF_8))
                            .path("until")
                            .asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    window
                            + ": not a simulated window ("
                            + e.getMessage()
                            + "); give --window-end");
        }
    }

    static List<JsonNode> fromEs(String url) throws Exception {
        try (EsQueries q = new EsQueries(url)) {
            return q.allSources("gridwatch-alerts");
        }
    }

    private List<JsonNode> fromLocalEs() throws Exception {
        try (EsQueries q = new EsQueries(LOCAL_ES)) {
            if (q.problem() == null) {
                return q.allSources("gridwatch-alerts");
            }
        }
        if (!Files.isDirectory(workDir.resolve("elasticsearch"))) {
            throw new IllegalArgumentException(
                    "no Elasticsearch answers on "
                            + LOCAL_ES
                            + " and there is no embedded one in "
                            + workDir.toAbsolutePath()
                            + ": give --es URL or --alerts FILE");
        }
        System.out.println(
                "Elasticsearch: none on "
                        + LOCAL_ES
                        + "; reading the alerts of the last `gridwatch run` from its embedded server ...");
        try (EmbeddedElasticsearch embedded =
                new EmbeddedElasticsearch(
                        workDir.resolve("elasticsearch"),
                        9200,
                        "512m",
                        System.out,
                        RunCommand.ES_DATA)) {
            embedded.start();
            return fromEs(embedded.url());
        }
    }

    static List<JsonNode> readNdjson(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (!line.isBlank()) {
                try {
                    out.add(Json.read(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage());
                }
            }
        }
        return out;
    }
}
