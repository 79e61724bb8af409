package org.gridwatch.launcher.stack;

import org.apache.flink.api.common.JobID;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.stack.StackException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What {@link LocalFlink} learns about its jobs from the cluster's REST API, the same API the web
 * UI shows: checkpoints and restarts. Read over HTTP rather than from the mini cluster's internals,
 * so that the numbers are the ones an operator sees.
 */
final class FlinkRestApi {
    private final String uiUrl;

    FlinkRestApi(String uiUrl) {
        this.uiUrl = uiUrl;
    }

    /**
     * Where the job's latest completed checkpoint is (retained on cancellation); waits up to two
     * minutes for one.
     */
    String latestCheckpointPath(JobID job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String path =
                    Json.MAPPER
                            .readTree(get("/jobs/" + job + "/checkpoints"))
                            .path("latest")
                            .path("completed")
                            .path("external_path")
                            .asText("");
            if (!path.isEmpty() && !path.equals("<checkpoint-not-externally-addressable>")) {
                return path;
            }
            Thread.sleep(200);
        }
        throw new StackException("the detections completed no checkpoint to restart from");
    }

    /**
     * The job's latest completed checkpoint as "size, duration", or a sentence saying why there is
     * none.
     */
    String lastCheckpoint(JobID job) {
        try {
            JsonNode root = Json.MAPPER.readTree(get("/jobs/" + job + "/checkpoints"));
            JsonNode last = root.path("latest").path("completed");
            JsonNode counts = root.path("counts");
            if (last.isMissingNode() || last.isNull()) {
                return "none completed yet (" + counts.path("failed").asLong() + " failed)";
            }
            return String.format(
                    Locale.ROOT,
                    "%.1f MB full state (%.1f MB this checkpoint), %d ms; %d completed, %d failed",
                    last.path("state_size").asLong() / 1e6,
                    last.path("checkpointed_size").asLong() / 1e6,
                    last.path("end_to_end_duration").asLong(),
                    counts.path("completed").asLong(),
                    counts.path("failed").asLong());
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** How often the job has restarted (Flink's numRestarts); -1 when the API does not answer. */
    long restarts(JobID job) {
        try {
            JsonNode metrics =
                    Json.MAPPER.readTree(get("/jobs/" + job + "/metrics?get=numRestarts"));
            return metrics.size() == 0 ? 0 : metrics.get(0).path("value").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(uiUrl + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
