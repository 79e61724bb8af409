package org.gridwatch.launcher.cli;

import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.SimEvent;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.sim.output.PacedSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;

/**
 * {@code ./gridwatch replay FILE...}: recorded NDJSON feeds into Kafka, in event-time order across
 * files, each record stamped with its own event time. Lines are sent as they are: one that does not
 * parse is the job's to dead-letter, never the replayer's to drop.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Plays recorded NDJSON events (one event a line, in the topic schemas) into Kafka, keeping their",
            "event times, at real time, N times real time, or as fast as possible, with a progress bar.",
            "The topic comes from the file name (gridwatch.gps.ndjson, ...) or --topic."
        })
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description =
                    "NDJSON files; each sorted by event time (mostly: small disorder is fine).")
    List<Path> files;

    @Option(
            names = "--topic",
            description = "Topic for every file, instead of taking it from each file's name.")
    String topic;

    @Option(
            names = "--kafka",
            defaultValue = "localhost:9092",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Mixin KafkaClientOption kafkaClient = new KafkaClientOption();

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "'max' or N times real time (default: ${DEFAULT-VALUE}, real time).")
    String speed;

    @Override
    public Integer call() throws Exception {
        double pace = Speeds.parse(speed);
        KafkaClientProperties client = kafkaClient.properties();
        List<RecordedFeed> feeds = new ArrayList<>();
        long totalBytes = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("no such file: " + f);
            }
            String t = topic != null ? topic : topicOf(f);
            feeds.add(new RecordedFeed(f, t));
            totalBytes += Files.size(f);
        }
        PrintStream err = System.err;
        PriorityQueue<RecordedFeed> queue =
                new PriorityQueue<>((a, b) -> Long.compare(a.peekTime(), b.peekTime()));
        for (RecordedFeed feed : feeds) {
            if (feed.advance()) {
                queue.add(feed);
            } else {
                feed.close();
            }
        }
        long sent = 0;
        long t0 = System.nanoTime();
        try (EventSink kafkaSink = new KafkaEventSink(kafka, client)) {
            EventSink sink = pace > 0 ? new PacedSink(kafkaSink, pace) : kafkaSink;
            while (!queue.isEmpty()) {
                RecordedFeed feed = queue.poll();
                sink.accept(feed.current());
                sent++;
                if (sent % 5_000 == 0) {
                    progress(err, feeds, totalBytes, sent, t0);
                }
                if (feed.advance()) {
                    queue.add(feed);
                } else {
                    feed.close();
                }
            }
        }
        progress(err, feeds, totalBytes, sent, t0);
        err.println();
        System.out.printf(
                Locale.ROOT,
                "Replayed %,d records from %d file(s) into %s in %.1f s%n",
                sent,
                files.size(),
                kafka,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static String topicOf(Path file) {
        String name = file.getFileName().toString();
        for (String t : Topics.INPUTS) {
            if (name.startsWith(t)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "cannot tell the topic of "
                        + file
                        + " from its name (expected it to start with one of "
                        + Topics.INPUTS
                        + "); pass --topic");
    }

    private static void progress(
            PrintStream err, List<RecordedFeed> feeds, long totalBytes, long sent, long t0) {
        long read = feeds.stream().mapToLong(RecordedFeed::bytesRead).sum();
        double share = totalBytes == 0 ? 1 : Math.min(1, (double) read / totalBytes);
        int width = 30;
        int filled = (int) Math.round(share * width);
        double secs = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
        err.printf(
                Locale.ROOT,
                "\r[%s%s] %5.1f%%  %,d records  %,.0f/s",
                "#".repeat(filled),
                " ".repeat(width - filled),
                share * 100,
                sent,
                sent / secs);
    }

    /** One file being read line by line, with the event time of its current line. */
    private static final class RecordedFeed implements AutoCloseable {
        private final Path file;
        private final String topic;
        private final BufferedReader reader;
        private SimEvent current;
        private long lastTime = RecordedLine.NO_TIME;
        private long bytesRead;

        RecordedFeed(Path file, String topic) throws IOException {
            this.file = file;
            this.topic = topic;
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        boolean advance() throws IOException {
            String line;
            do {
                line = reader.readLine();
                if (line == null) {
                    current = null;
                    return false;
                }
                bytesRead += line.length() + 1;
            } while (line.isBlank());
            RecordedLine r = RecordedLine.of(line, topic);
            long time = r.sendTime(lastTime);
            if (r.eventTime() != RecordedLine.NO_TIME) {
                lastTime = r.eventTime();
            }
            // The reference topic is compacted and refuses records without a key: a line without
            // kind and id still goes (to be dead-lettered with its reason) under a key of its own.
            String key =
                    r.key() == null && topic.equals(Topics.REFERENCE)
                            ? "unkeyed:" + bytesRead
                            : r.key();
            current = new SimEvent(topic, key, time, line.getBytes(StandardCharsets.UTF_8));
            return true;
        }

        SimEvent current() {
            return current;
        }

        long peekTime() {
            return current.eventTime();
        }

        long bytesRead() {
            return bytesRead;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }
}
