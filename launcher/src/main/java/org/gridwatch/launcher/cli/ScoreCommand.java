package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridwatch.common.config.Durations;
import org.gridwatch.common.json.Json;
import org.gridwatch.launcher.stack.EsQueries;
import org.gridwatch.sim.score.AlertDetections;
import org.gridwatch.sim.score.Detection;
import org.gridwatch.sim.score.ScoreRow;
import org.gridwatch.sim.score.Scoring;
import org.gridwatch.sim.score.TruthFiles;
import org.gridwatch.sim.score.TruthRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./gridwatch score}: precision and recall per alert type against a truth file. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Scores the alerts in Elasticsearch (or in an NDJSON file of alert documents) against a truth file.",
            "Matching rule: same alert type and entity, and the alert's episode (widened by the tolerance)",
            "overlaps the truth interval; each truth record and each alert id matches at most once, so an",
            "alert raised twice for one violation is one true and one false positive.",
            "Prints 'TYPE tp=N fp=N fn=N precision=P recall=R' per type, then 'precision=P recall=R'."
        })
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "truth.ndjson written by simulate or evaluate.")
    Path truthFile;

    @Option(names = "--alerts", paramLabel = "FILE", description = "NDJSON of alert documents (e.g. the gridwatch.alerts topic); default: read Elasticsearch.")
    Path alertsFile;

    @Option(names = "--es", defaultValue = "http://localhost:9200", paramLabel = "URL", description = "Elasticsearch to read gridwatch-alerts from (default: ${DEFAULT-VALUE}).")
    String es;

    @Option(names = "--tolerance", defaultValue = "120s", description = "Time tolerance on both sides of each truth interval (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--window-end", paramLabel = "ISO-INSTANT", description = "Ignore alerts that begin after this instant (the scenario's end).")
    Instant windowEnd;

    @Override
    public Integer call() throws Exception {
        List<TruthRecord> truth = TruthFiles.read(truthFile);
        List<JsonNode> docs = alertsFile != null ? readNdjson(alertsFile) : fromEs(es);
        List<ScoreRow> rows = Scoring.score(truth, AlertDetections.from(docs), windowEnd == null ? Long.MAX_VALUE : windowEnd.toEpochMilli(),
                Durations.parse("--tolerance", tolerance).toMillis());
        Scoring.print(rows, System.out);
        return 0;
    }

    static List<JsonNode> fromEs(String url) throws Exception {
        try (EsQueries q = new EsQueries(url)) {
            return q.allSources("gridwatch-alerts");
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
