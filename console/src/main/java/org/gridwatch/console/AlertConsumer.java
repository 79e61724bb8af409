package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads {@code gridwatch.alerts} in a consumer group and feeds the hub. Offsets are committed only
 * after the webhook deliveries of a batch have finished (delivered, refused or out of retries), so
 * a console that stops mid-batch re-reads it on restart; the hub drops the repeats it has already
 * seen. Only committed alerts are read ({@code read_committed}).
 */
public final class AlertConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AlertHub hub;
    private final Thread thread;
    private volatile boolean running = true;

    public AlertConsumer(String bootstrap, String group, AlertHub hub) {
        this(bootstrap, KafkaClientProperties.NONE, group, hub);
    }

    /**
     * @param client the {@code --kafka-properties} file's settings (TLS, SASL), applied over the
     *     consumer's own
     */
    public AlertConsumer(
            String bootstrap, KafkaClientProperties client, String group, AlertHub hub) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        client.addTo(p);
        this.consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.hub = hub;
        this.thread = new Thread(this::run, "gridwatch-console-alerts");
        this.thread.setDaemon(true);
    }

    public void start() {
        consumer.subscribe(List.of(Topics.ALERTS));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<Future<Boolean>> pending = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    JsonNode alert;
                    try {
                        alert = Json.MAPPER.readTree(r.value());
                    } catch (Exception e) {
                        LOG.warn(
                                "skipping unreadable alert at {}-{}@{}",
                                r.topic(),
                                r.partition(),
                                r.offset());
                        continue;
                    }
                    if (alert != null && alert.hasNonNull("alertId")) {
                        pending.addAll(hub.publish(alert));
                    }
                }
                for (Future<Boolean> f : pending) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        LOG.warn("webhook delivery failed", e.getCause());
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("alert consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Lets the current batch finish its deliveries and commit (a poll returns within 500 ms), so a
     * restart resumes after it; only a loop stuck for longer than that is woken up.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(5_000);
        }
    }
}
