package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live alert streams (server-sent events) without a thread per client. The request handler
 * sends the response headers, registers the exchange here and returns; the exchange stays open.
 * Alert frames and a keep-alive comment every {@code heartbeat} go into each client's bounded
 * queue, and a small pool of writer threads drains the queues (one writer per client at a time). A
 * client whose queue overflows, or whose socket write fails, is dropped (EventSource reconnects by
 * itself). A write that has been blocked longer than {@value #STUCK_AFTER_MS} ms (a client that
 * stopped reading) drops that client and lends the pool another thread, so the other streams go on.
 */
final class SseHub implements AutoCloseable {
    static final int MAX_CLIENTS = 1000;
    static final int MAX_PENDING = 1000;
    static final long STUCK_AFTER_MS = 10_000;
    private static final int WRITERS = 2;
    private static final int MAX_WRITERS = 16;
    private static final byte[] CONNECTED = ": connected\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final AlertHub alerts;
    private final MeterRegistry metrics;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Set<Client> writing = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor writers;
    private final ScheduledExecutorService ticker;

    SseHub(AlertHub alerts, MeterRegistry metrics, long heartbeatMs) {
        this.alerts = alerts;
        this.metrics = metrics;
        this.writers =
                new ThreadPoolExecutor(
                        WRITERS,
                        WRITERS,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        daemon("gridwatch-console-sse"));
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(daemon("gridwatch-console-sse-tick"));
        ticker.scheduleWithFixedDelay(
                this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::unstick, 1000, 1000, TimeUnit.MILLISECONDS);
        metrics.gauge("gridwatch_console_sse_clients", clients, Set::size);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    int clientCount() {
        return clients.size();
    }

    /**
     * Starts an event stream on this exchange and takes it over: the caller returns without closing
     * it. Returns false (and leaves the exchange to the caller) when there are already {@value
     * #MAX_CLIENTS}.
     */
    boolean open(HttpExchange ex, Subscription filter) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            return false;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        Client c = new Client(ex);
        clients.add(c);
        // listening before ": connected" is sent: a client that has seen it gets every alert
        // published after
        c.stopListening = alerts.listen(filter, a -> c.enqueue(frame(a)));
        if (c.dropped.get()) {
            c.stopListening.run();
        }
        c.enqueue(CONNECTED);
        metrics.counter("gridwatch_console_sse_connections").increment();
        return true;
    }

    private static byte[] frame(JsonNode a) {
        return ("event: alert\nid: "
                        + a.path("alertId").asText()
                        + ":"
                        + a.path("revision").asInt()
                        + "\ndata: "
                        + a
                        + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void heartbeat() {
        for (Client c : clients) {
            c.enqueue(KEEP_ALIVE);
        }
    }

    /** Drops clients whose write has hung and gives the pool a thread for each of them. */
    private void unstick() {
        long now = System.nanoTime();
        int stuck = 0;
        for (Client c : writing) {
            long since = c.writeSince;
            if (since != 0 && now - since > TimeUnit.MILLISECONDS.toNanos(STUCK_AFTER_MS)) {
                stuck++;
                c.drop("stuck");
            }
        }
        int size = Math.min(MAX_WRITERS, WRITERS + stuck);
        if (size > writers.getMaximumPoolSize()) {
            writers.setMaximumPoolSize(size);
            writers.setCorePoolSize(size);
        } else if (size < writers.getCorePoolSize()) {
            writers.setCorePoolSize(size);
            writers.setMaximumPoolSize(size);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Client c : clients) {
            c.drop("closing");
        }
        writers.shutdownNow();
    }

    private final class Client {
        final HttpExchange exchange;
        final OutputStream out;
        final Queue<byte[]> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final AtomicBoolean dropped = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile Runnable stopListening = () -> {};
        volatile long writeSince;

        Client(HttpExchange exchange) {
            this.exchange = exchange;
            this.out = exchange.getResponseBody();
        }

        /** Never blocks: called from the Kafka consumer and the ticker. */
        void enqueue(byte[] frame) {
            if (dropped.get()) {
                return;
            }
            if (size.incrementAndGet() > MAX_PENDING) {
                drop("slow");
                return;
            }
            pending.add(frame);
            schedule();
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    drop("closing");
                }
            }
        }

        /** Runs on a writer thread, alone for this client. */
        void drain() {
            writing.add(this);
            try {
                while (!dropped.get()) {
                    byte[] f = pending.poll();
                    if (f == null) {
                        break;
                    }
                    size.decrementAndGet();
                    writeSince = System.nanoTime();
                    out.write(f);
                    if (pending.isEmpty()) {
                        out.flush();
                    }
                    writeSince = 0;
                }
            } catch (IOException e) {
                drop("gone");
            } finally {
                writeSince = 0;
                writing.remove(this);
                scheduled.set(false);
            }
            if (dropped.get()) {
                closeExchange(); // only writers close: closing may block like a write
            } else if (!pending.isEmpty()) {
                schedule();
            }
        }

        /**
         * Stops feeding this client; its exchange is closed by the writer (now, or when its hung
         * write ends).
         */
        void drop(String why) {
            if (!dropped.compareAndSet(false, true)) {
                return;
            }
            clients.remove(this);
            stopListening.run();
            pending.clear();
            metrics.counter("gridwatch_console_sse_dropped", "reason", why).increment();
            // a drain under way (or hung in a write) closes the exchange when it ends; else start
            // one that does
            if (scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    closeExchange();
                }
            }
        }

        void closeExchange() {
            if (closed.compareAndSet(false, true)) {
                exchange.close();
            }
        }
    }
}
