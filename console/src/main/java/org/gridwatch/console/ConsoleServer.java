package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import static org.gridwatch.console.Exchanges.error;

/**
 * The GridWatch console: JSON API over Elasticsearch, live alert stream (SSE), alert push (Kafka
 * consumer group to SSE and webhooks), Prometheus metrics and the single-page UI. See
 * console/README.md for the API.
 *
 * <p>This class is the wiring: it checks the settings, starts and stops the parts, and runs every
 * request through the checks all of them share (busy pool, Host, token, CSRF) before handing it to
 * the live stream, an {@link ApiEndpoints} group or the static files.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final ConsoleConfig config;
    private final int workers;
    private final int queue;
    private final long heartbeatMs;
    private final ConsoleMetrics metrics = new ConsoleMetrics();
    private HttpServer http;
    private RequestPool pool;
    private EsReader es;
    private AlertHub hub;
    private SseHub sse;
    private AlertConsumer consumer;
    private SecurityHeaders headers;
    private CsrfGuard csrf;
    private WebhookTargetPolicy webhookPolicy;
    private LiveStreamEndpoint liveStream;
    private List<ApiEndpoints> endpoints;

    public ConsoleServer(ConsoleConfig config) {
        this(config, RequestPool.DEFAULT_WORKERS, RequestPool.DEFAULT_QUEUE, 15_000);
    }

    /**
     * With a request pool of {@code workers} threads and {@code queue} places, and this SSE
     * keep-alive period.
     */
    ConsoleServer(ConsoleConfig config, int workers, int queue, long heartbeatMs) {
        this.config = config;
        this.workers = workers;
        this.queue = queue;
        this.heartbeatMs = heartbeatMs;
    }

    /**
     * Starts serving. Refuses (IllegalStateException, one-line message) to listen on a non-loopback
     * address without a token, or with a weak token; IllegalArgumentException for a bad allow-list
     * entry, origin or tile URL.
     */
    public synchronized ConsoleServer start() throws IOException {
        if (!config.loopback() && config.token() == null) {
            throw new IllegalStateException(
                    "the console is bound to "
                            + config.bindAddress()
                            + ", which is not a loopback address: set "
                            + ConsoleConfig.TOKEN_ENV
                            + " to a bearer token, or bind to 127.0.0.1");
        }
        String weak = ConsoleConfig.tokenProblem(config.token());
        if (weak != null) {
            throw new IllegalStateException(weak);
        }
        webhookPolicy = WebhookTargetPolicy.of(config.webhookAllow());
        headers = new SecurityHeaders(config.tileUrl());
        csrf = new CsrfGuard(config.loopback(), config.bindAddress(), config.origins());
        try {
            open();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(
                "GridWatch console on {}; webhook targets allowed: {}",
                url(),
                webhookPolicy.allowsNothing() ? "none" : webhookPolicy);
        return this;
    }

    private void open() throws IOException {
        metrics.bindJvmMetrics();
        es = new EsReader(new EsConnection(config.esUrls()));
        try {
            es.installActionsTemplate();
        } catch (IOException e) {
            LOG.warn(
                    "cannot install the {} template yet ({}); actions will still be stored",
                    EsReader.ACTIONS_INDEX,
                    e.getMessage());
        }
        hub =
                new AlertHub(
                        new WebhookSender(5, 500, metrics.registry(), webhookPolicy),
                        metrics.registry(),
                        config.stateDir(),
                        config.maxWebhooks());
        sse = new SseHub(hub, metrics.registry(), heartbeatMs);
        if (config.kafkaBootstrap() != null) {
            LOG.info(
                    "alert push from {} on {}, Kafka client properties: {}",
                    Topics.ALERTS,
                    config.kafkaBootstrap(),
                    config.kafkaClient().describe());
            consumer =
                    new AlertConsumer(
                            config.kafkaBootstrap(),
                            config.kafkaClient(),
                            config.consumerGroup(),
                            hub);
            consumer.start();
        }
        liveStream = new LiveStreamEndpoint(sse);
        endpoints =
                List.of(
                        metrics,
                        new InfoEndpoints(es, hub, csrf, config.tileUrl(), consumer != null),
                        new MapEndpoints(es, config.cityDir()),
                        new AlertEndpoints(es, metrics.registry()),
                        new StatsEndpoints(es),
                        new ShopEndpoints(es),
                        new WebhookEndpoints(hub, webhookPolicy));
        pool = new RequestPool(workers, queue);
        http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        String host =
                config.bindAddress().contains(":")
                        ? "[" + config.bindAddress() + "]"
                        : config.bindAddress();
        return "http://" + host + ":" + port() + "/";
    }

    /** The hub, for callers that feed alerts without Kafka (tests, embedding). */
    public AlertHub hub() {
        return hub;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Timer.Sample sample = metrics.startRequest();
        int status = 500;
        boolean streaming = false;
        try {
            headers.apply(ex.getResponseHeaders());
            if (RequestPool.busy()) {
                ex.getResponseHeaders().set("Retry-After", "2");
                status = error(ex, 503, "the console is busy; try again in a moment");
                return;
            }
            csrf.checkHost(ex);
            boolean api = path.startsWith("/api/") || path.equals("/metrics");
            if (api && !BearerAuth.authorized(ex, config.token())) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                status = error(ex, 401, "missing or wrong bearer token");
                return;
            }
            if (CsrfGuard.mutating(ex.getRequestMethod())) {
                csrf.checkMutation(ex);
            }
            if (path.equals(LiveStreamEndpoint.PATH)) {
                streaming = liveStream.open(ex);
                status = streaming ? 200 : error(ex, 503, "too many live streams; try again later");
            } else {
                status = api ? api(ex, path) : StaticFiles.serve(ex, path);
            }
        } catch (ApiError e) {
            status = error(ex, e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), path, e);
            status =
                    error(
                            ex,
                            path.startsWith("/api/") ? 502 : 500,
                            "backend error: " + e.getClass().getSimpleName());
        } finally {
            metrics.requestDone(sample, path, status);
            if (!streaming) {
                ex.close(); // a live stream belongs to the SSE hub now
            }
        }
    }

    private int api(HttpExchange ex, String path) throws IOException {
        for (ApiEndpoints group : endpoints) {
            int status = group.answer(ex, path);
            if (status != ApiEndpoints.NOT_MINE) {
                return status;
            }
        }
        return error(ex, 404, "no such API: " + path);
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop(0);
        }
        if (consumer != null) {
            try {
                consumer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sse != null) {
            sse.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (es != null) {
            try {
                es.close();
            } catch (IOException e) {
                LOG.debug("closing Elasticsearch client", e);
            }
        }
        metrics.close();
    }
}
