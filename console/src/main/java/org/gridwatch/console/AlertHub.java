package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fans alert updates out to live listeners (SSE) and webhook subscriptions. An update is identified
 * by (alertId, revision); an update seen before is dropped, so at-least-once input yields one
 * delivery per alert revision.
 */
public final class AlertHub implements AutoCloseable {
    private static final int REMEMBERED = 200_000;

    private final Map<String, Boolean> seen =
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            };
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Subscription> webhooks = new ConcurrentHashMap<>();
    private final ExecutorService senders =
            Executors.newFixedThreadPool(
                    4,
                    r -> {
                        Thread t = new Thread(r, "gridwatch-console-webhook");
                        t.setDaemon(true);
                        return t;
                    });
    private final WebhookSender sender;
    private final MeterRegistry metrics;
    private final Path store;
    private final int maxWebhooks;

    public record Listener(Subscription filter, Consumer<JsonNode> sink) {}

    public AlertHub(WebhookSender sender, MeterRegistry metrics, Path stateDir) throws IOException {
        this(sender, metrics, stateDir, ConsoleConfig.DEFAULT_MAX_WEBHOOKS);
    }

    /**
     * @param maxWebhooks most subscriptions kept; {@link #addWebhook} refuses more (409)
     */
    public AlertHub(WebhookSender sender, MeterRegistry metrics, Path stateDir, int maxWebhooks)
            throws IOException {
        this.sender = sender;
        this.metrics = metrics;
        this.maxWebhooks = maxWebhooks;
        this.store = stateDir == null ? null : stateDir.resolve("webhooks.json");
        if (store != null && Files.exists(store)) {
            for (JsonNode n : Json.MAPPER.readTree(store.toFile())) {
                Subscription s = Json.MAPPER.treeToValue(n, Subscription.class);
                webhooks.put(s.id(), s);
            }
        }
    }

    /**
     * Hands one alert update to every matching listener and webhook. Returns the webhook deliveries
     * under way, so a caller that must not lose them (the Kafka consumer) can wait before
     * committing.
     */
    public List<Future<Boolean>> publish(JsonNode alert) {
        String key = alert.path("alertId").asText() + ":" + alert.path("revision").asInt();
        synchronized (seen) {
            if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                metrics.counter("gridwatch_console_alerts_duplicate").increment();
                return List.of();
            }
        }
        metrics.counter("gridwatch_console_alerts_received").increment();
        for (Listener l : listeners) {
            if (l.filter().matches(alert)) {
                l.sink().accept(alert);
            }
        }
        List<Future<Boolean>> deliveries = new ArrayList<>();
        byte[] body =
                Json.MAPPER
                        .valueToTree(alert)
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (Subscription s : webhooks.values()) {
            if (s.matches(alert)) {
                deliveries.add(senders.submit(() -> sender.send(s, key, body)));
            }
        }
        return deliveries;
    }

    public Runnable listen(Subscription filter, Consumer<JsonNode> sink) {
        Listener l = new Listener(filter, sink);
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    public int listenerCount() {
        return listeners.size();
    }

    /**
     * Adds a subscription (the caller has checked the URL); a 409 when {@code maxWebhooks} are kept
     * already.
     */
    public synchronized Subscription addWebhook(
            Set<String> districts, Set<String> types, String url, String secret)
            throws IOException {
        if (webhooks.size() >= maxWebhooks) {
            throw new ApiError(
                    409,
                    "this console keeps at most "
                            + maxWebhooks
                            + " webhook subscriptions; delete one first");
        }
        Subscription s =
                new Subscription(UUID.randomUUID().toString(), districts, types, url, secret);
        webhooks.put(s.id(), s);
        save();
        return s;
    }

    public synchronized boolean removeWebhook(String id) throws IOException {
        boolean removed = webhooks.remove(id) != null;
        save();
        return removed;
    }

    public List<Subscription> webhooks() {
        return List.copyOf(webhooks.values());
    }

    /**
     * Webhook subscriptions without their secrets, URLs without user-info or query (see {@link
     * #describe}).
     */
    public ArrayNode describeWebhooks() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Subscription s : webhooks.values()) {
            out.add(describe(s));
        }
        return out;
    }

    /**
     * A subscription fit to show: no secret ({@code signed} says whether it has one), the URL
     * redacted.
     */
    public static ObjectNode describe(Subscription s) {
        ObjectNode o = Json.MAPPER.valueToTree(s);
        o.remove("secret");
        o.put("webhookUrl", WebhookTargetPolicy.redact(s.webhookUrl()));
        o.put("signed", s.secret() != null);
        return o;
    }

    private synchronized void save() throws IOException {
        if (store == null) {
            return;
        }
        Files.createDirectories(store.getParent());
        Path tmp = store.resolveSibling("webhooks.json.tmp");
        Files.deleteIfExists(tmp);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the file holds the signing secrets: owner only
            Files.createFile(
                    tmp,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        }
        Json.MAPPER
                .writerWithDefaultPrettyPrinter()
                .writeValue(tmp.toFile(), new ArrayList<>(webhooks.values()));
        Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
