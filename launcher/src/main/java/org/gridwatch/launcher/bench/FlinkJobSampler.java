package org.gridwatch.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples a running job through Flink's REST API once a second: the records its sources have read
 * (for the steady-state rate) and each task's busy and back-pressured time (for the bottleneck).
 * Load samples are kept only inside the steady-state window once the job has ended, so start-up and
 * the draining tail do not water the figures down.
 *
 * <p>Every {@link #WATERMARK_EVERY} samples it also reads the job's simulated time (the lowest
 * current input watermark over the tasks' subtasks), and every {@link #HEAP_PERIOD} the JVM's heap
 * after GC and GC count, for {@link HeapPerHour}: the local mini cluster runs in this JVM, so its
 * heap is the jobs' heap.
 */
public final class FlinkJobSampler implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    /** The heap is read in this JVM, no REST call: often, so that every simulated hour has some. */
    private static final Duration HEAP_PERIOD = Duration.ofMillis(100);

    /** The steady state: from this share of the records read to that one. */
    public static final double FROM = 0.1;

    public static final double TO = 0.9;

    /**
     * Watermarks cost one more REST call per task (21 for all detections), so they are read every
     * second sample; the heap, read in this JVM, every {@link #HEAP_PERIOD}, its simulated time
     * interpolated between two watermark readings (at full speed a simulated hour is under a second
     * of the run, so every hour still gets heap samples).
     */
    static final int WATERMARK_EVERY = 2;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String jobId;
    private final ThroughputSeries sourceRecords = new ThroughputSeries();
    private final HeapPerHour heapPerHour = new HeapPerHour();
    private final AtomicInteger sampleCount = new AtomicInteger();

    /** One task's load at one sample. */
    private record LoadSample(
            long nanos, String task, double busy, double backPressured, long recordsOut) {}

    private final List<LoadSample> loadSamples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    private FlinkJobSampler(String restUrl, String jobId) {
        this.base = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        this.jobId = jobId;
        this.thread = new Thread(this::run, "benchmark-sampler");
        this.thread.setDaemon(true);
    }

    public static FlinkJobSampler start(String restUrl, String jobId) {
        FlinkJobSampler s = new FlinkJobSampler(restUrl, jobId);
        s.thread.start();
        return s;
    }

    public ThroughputSeries sourceRecords() {
        return sourceRecords;
    }

    /** The heap after GC per simulated hour (complete after {@link #close}). */
    public HeapPerHour heapPerHour() {
        return heapPerHour;
    }

    /**
     * Each task's busy and back-pressured share over the steady state (call after {@link #close}).
     */
    public OperatorLoad steadyLoad() {
        OperatorLoad load = new OperatorLoad();
        synchronized (loadSamples) {
            for (LoadSample s : loadSamples) {
                if (sourceRecords.inWindow(s.nanos(), FROM, TO)) {
                    load.add(s.task(), s.busy(), s.backPressured(), s.recordsOut());
                }
            }
        }
        return load;
    }

    private void run() {
        long next = System.nanoTime();
        while (!stop) {
            try {
                sample();
            } catch (IOException | RuntimeException e) {
                // The job may be deploying or finishing; the next sample tries again.
            } catch (InterruptedException e) {
                return;
            }
            next += PERIOD.toNanos();
            long now;
            while (!stop && (now = System.nanoTime()) < next) {
                heapPerHour.heapAt(now, heapAfterGc(), gcCount());
                long waitMs = Math.min(HEAP_PERIOD.toMillis(), (next - now) / 1_000_000);
                if (waitMs <= 0) {
                    break;
                }
                synchronized (this) {
                    try {
                        wait(waitMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void sample() throws IOException, InterruptedException {
        long now = System.nanoTime();
        JsonNode job = get("/jobs/" + jobId);
        long read = 0;
        List<String> vertexIds = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            vertexIds.add(v.path("id").asText());
            String name = v.path("name").asText();
            JsonNode metrics =
                    get(
                            "/jobs/"
                                    + jobId
                                    + "/vertices/"
                                    + v.path("id").asText()
                                    + "/subtasks/metrics?get=busyTimeMsPerSecond,backPressuredTimeMsPerSecond,numRecordsOut&agg=max,sum");
            double busy = Double.NaN;
            double backPressured = Double.NaN;
            long recordsOut = 0;
            for (JsonNode m : metrics) {
                switch (m.path("id").asText()) {
                    case "busyTimeMsPerSecond" -> busy = m.path("max").asDouble(Double.NaN);
                    case "backPressuredTimeMsPerSecond" ->
                            backPressured = m.path("max").asDouble(Double.NaN);
                    case "numRecordsOut" -> {
                        recordsOut = m.path("sum").asLong();
                        if (name.startsWith("Source:")) {
                            read += recordsOut;
                        }
                    }
                    default -> {}
                }
            }
            if (!Double.isNaN(busy) && !Double.isNaN(backPressured)) {
                synchronized (loadSamples) {
                    loadSamples.add(new LoadSample(now, name, busy, backPressured, recordsOut));
                }
            }
        }
        sourceRecords.add(now, read);
        if (sampleCount.getAndIncrement() % WATERMARK_EVERY == 0) {
            sampleHeap(vertexIds);
        }
    }

    /**
     * The lowest current input watermark of the job's subtasks: the simulated time of the heap
     * samples taken since the previous one (interpolated, {@link HeapPerHour#simulatedTimeAt}).
     * Sources have no input watermark (absent or Long.MIN_VALUE), and every task reaches
     * Long.MAX_VALUE at the end of a bounded input: both are left out, and no sample is taken when
     * nothing is left.
     */
    private void sampleHeap(List<String> vertexIds) throws IOException, InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (String id : vertexIds) {
            for (JsonNode w : get("/jobs/" + jobId + "/vertices/" + id + "/watermarks")) {
                if (!w.path("id").asText().endsWith(".currentInputWatermark")) {
                    continue;
                }
                long value;
                try {
                    value = Long.parseLong(w.path("value").asText());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (value != Long.MIN_VALUE && value != Long.MAX_VALUE) {
                    lowest = Math.min(lowest, value);
                }
            }
        }
        if (lowest != Long.MAX_VALUE) {
            long now = System.nanoTime();
            heapPerHour.heapAt(now, heapAfterGc(), gcCount());
            heapPerHour.simulatedTimeAt(now, lowest);
        }
    }

    /** Heap used right after each heap pool's latest collection, summed; no GC is forced. */
    static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc =
                    pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    /** Collections since the JVM started, over every collector. */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return Json.read(r.body());
    }

    /** Takes a last sample and stops. */
    @Override
    public void close() {
        try {
            sample();
        } catch (IOException | RuntimeException e) {
            // the job is gone from the REST API already: the samples taken so far stand
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
