package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.gridwatch.console.Exchanges.body;
import static org.gridwatch.console.Exchanges.error;
import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;
import static org.gridwatch.console.Exchanges.send;
import static org.gridwatch.console.Exchanges.text;

/**
 * The GridWatch console: JSON API over Elasticsearch, live alert stream (SSE), alert push (Kafka
 * consumer group to SSE and webhooks), Prometheus metrics and the single-page UI. See
 * console/README.md for the API.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Pattern ALERT_PATH = Pattern.compile("/api/alerts/([^/]+)(/(ack|close))?");
    private static final Pattern WEBHOOK_PATH =
            Pattern.compile("/api/webhooks/([A-Za-z0-9-]{1,64})");
    private static final Set<String> ROUTES =
            Set.of(
                    "/api/health",
                    "/api/config",
                    "/api/csrf",
                    "/api/grids",
                    "/api/positions",
                    "/api/alerts",
                    "/api/hotspots",
                    "/api/coverage",
                    "/api/kpis",
                    "/api/stream",
                    "/api/webhooks",
                    "/metrics");

    private final ConsoleConfig config;
    private final int workers;
    private final int queue;
    private final long heartbeatMs;
    private final PrometheusMeterRegistry metrics =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer http;
    private RequestPool pool;
    private EsReader es;
    private AlertHub hub;
    private SseHub sse;
    private AlertConsumer consumer;
    private SecurityHeaders headers;
    private CsrfGuard csrf;
    private WebhookTargetPolicy webhookPolicy;

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
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
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
                        new WebhookSender(5, 500, metrics, webhookPolicy),
                        metrics,
                        config.stateDir(),
                        config.maxWebhooks());
        sse = new SseHub(hub, metrics, heartbeatMs);
        if (config.kafkaBootstrap() != null) {
            LOG.info(
                    "alert push from {} on {}, Kafka client properties: {}",
                    org.gridwatch.common.kafka.Topics.ALERTS,
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
        Timer.Sample sample = Timer.start(metrics);
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
            if (path.equals("/api/stream")) {
                streaming = stream(ex);
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
            sample.stop(
                    metrics.timer(
                            "gridwatch_console_http_requests",
                            "route",
                            route(path),
                            "status",
                            Integer.toString(status)));
            if (!streaming) {
                ex.close(); // a live stream belongs to the SSE hub now
            }
        }
    }

    /**
     * The metrics route: known paths, templates for ids, one bucket for the rest (bounded tag
     * values).
     */
    private static String route(String path) {
        if (path.startsWith("/api/alerts/")) {
            return "/api/alerts/{id}";
        }
        if (path.startsWith("/api/webhooks/")) {
            return "/api/webhooks/{id}";
        }
        if (ROUTES.contains(path)) {
            return path;
        }
        return path.startsWith("/api/") ? "/api/other" : "static";
    }

    private int api(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        String query = ex.getRequestURI().getRawQuery();
        if (path.equals("/metrics")) {
            return send(
                    ex,
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
        }
        Matcher m = ALERT_PATH.matcher(path);
        if (m.matches() && !path.equals("/api/alerts/")) {
            String id = Params.id(m.group(1));
            if (m.group(3) == null) {
                requireMethod(method, "GET");
                Params.parse(query, Set.of());
                ObjectNode alert = es.alert(id);
                return alert == null
                        ? error(ex, 404, "no alert with id '" + id + "'")
                        : json(ex, 200, alert);
            }
            requireMethod(method, "POST");
            Params.parse(query, Set.of());
            JsonNode body = body(ex);
            String operator = Params.checkName("operator", text(body, "operator"));
            if (operator == null) {
                throw new BadRequest("body must have \"operator\": the name of the operator");
            }
            String note = text(body, "note");
            if (note != null && note.length() > 1000) {
                throw new BadRequest("note must be at most 1000 characters");
            }
            if (es.alert(id) == null) {
                return error(ex, 404, "no alert with id '" + id + "'");
            }
            String state = m.group(3).equals("ack") ? "ACKNOWLEDGED" : "CLOSED";
            metrics.counter("gridwatch_console_operator_actions", "state", state).increment();
            return json(ex, 200, es.act(id, state, operator, note));
        }
        Matcher w = WEBHOOK_PATH.matcher(path);
        if (w.matches()) {
            requireMethod(method, "DELETE");
            return hub.removeWebhook(w.group(1))
                    ? json(ex, 200, Json.MAPPER.createObjectNode().put("deleted", w.group(1)))
                    : error(ex, 404, "no webhook '" + w.group(1) + "'");
        }
        switch (path) {
            case "/api/health" -> {
                requireMethod(method, "GET");
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("elasticsearch", es.ping());
                o.put("push", consumer != null);
                o.put("liveListeners", hub.listenerCount());
                return json(ex, 200, o);
            }
            case "/api/csrf" -> {
                requireMethod(method, "GET");
                Params.parse(query, Set.of());
                return json(
                        ex,
                        200,
                        Json.MAPPER
                                .createObjectNode()
                                .put("header", CsrfGuard.HEADER)
                                .put("token", csrf.token()));
            }
            case "/api/config" -> {
                requireMethod(method, "GET");
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("tileUrl", config.tileUrl());
                o.put("push", consumer != null);
                ArrayNode types = o.putArray("alertTypes");
                for (AlertType t : AlertType.values()) {
                    types.addObject()
                            .put("id", t.name())
                            .put("zh", t.nameZh())
                            .put("en", t.nameEn());
                }
                ArrayNode sev = o.putArray("severities");
                for (Severity s : Severity.values()) {
                    sev.add(s.name());
                }
                return json(ex, 200, o);
            }
            case "/api/grids" -> {
                requireMethod(method, "GET");
                Path f =
                        config.cityDir() == null ? null : config.cityDir().resolve("grids.geojson");
                if (f == null || !Files.isRegularFile(f)) {
                    return send(
                            ex,
                            200,
                            Exchanges.JSON,
                            "{\"type\":\"FeatureCollection\",\"features\":[]}"
                                    .getBytes(StandardCharsets.UTF_8));
                }
                return send(ex, 200, Exchanges.JSON, Files.readAllBytes(f));
            }
            case "/api/positions" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("entityType", "district"));
                EntityType type = p.enumValue("entityType", EntityType.class);
                return json(
                        ex,
                        200,
                        es.positions(type == null ? null : type.name(), p.name("district")));
            }
            case "/api/alerts" -> {
                requireMethod(method, "GET");
                Params p =
                        Params.parse(
                                query, Set.of("type", "district", "severity", "status", "size"));
                return json(
                        ex,
                        200,
                        es.alerts(
                                new EsReader.AlertFilter(
                                        p.enumValue("type", AlertType.class),
                                        p.name("district"),
                                        p.enumValue("severity", Severity.class),
                                        p.oneOf("status", List.of("open", "closed", "all"), "open"),
                                        p.intValue("size", 1, 1000, 200))));
            }
            case "/api/hotspots" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "category", "days"));
                return json(
                        ex,
                        200,
                        es.hotspots(
                                p.name("district"),
                                p.name("category"),
                                p.intValue("days", 1, 366, 30)));
            }
            case "/api/coverage" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "days"));
                return json(
                        ex, 200, es.coverage(p.name("district"), p.intValue("days", 1, 366, 7)));
            }
            case "/api/kpis" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "days"));
                return json(ex, 200, es.kpis(p.name("district"), p.intValue("days", 1, 366, 30)));
            }
            case "/api/webhooks" -> {
                if (method.equals("GET")) {
                    return json(ex, 200, hub.describeWebhooks());
                }
                requireMethod(method, "POST");
                return json(ex, 201, addWebhook(body(ex)));
            }
            default -> {
                return error(ex, 404, "no such API: " + path);
            }
        }
    }

    private ObjectNode addWebhook(JsonNode body) throws IOException {
        String url = text(body, "url");
        if (url == null) {
            throw new BadRequest("body must have \"url\": the http(s) URL to POST alerts to");
        }
        webhookPolicy.check(url);
        String secret = text(body, "secret");
        if (secret != null && (secret.length() < 16 || secret.length() > 256)) {
            throw new BadRequest("\"secret\" must be 16-256 characters");
        }
        Set<String> districts = new LinkedHashSet<>();
        for (JsonNode d : body.path("districts")) {
            districts.add(Params.checkName("each district", d.asText()));
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode t : body.path("types")) {
            try {
                types.add(AlertType.valueOf(t.asText()).name());
            } catch (IllegalArgumentException e) {
                throw new BadRequest(
                        "unknown alert type in \"types\"; allowed: "
                                + java.util.Arrays.toString(AlertType.values()));
            }
        }
        return AlertHub.describe(hub.addWebhook(districts, types, url, secret));
    }

    private static String typeName(Params p) {
        AlertType t = p.enumValue("type", AlertType.class);
        return t == null ? null : t.name();
    }

    private static Set<String> setOf(String v) {
        Set<String> s = new HashSet<>();
        if (v != null) {
            s.add(v);
        }
        return s;
    }

    /**
     * Server-sent events: one "alert" event per matching alert update, a comment every 15 s as
     * keep-alive. True when the SSE hub took the exchange over; false when it has no room.
     */
    private boolean stream(HttpExchange ex) throws IOException {
        requireMethod(ex.getRequestMethod(), "GET");
        Params p = Params.parse(ex.getRequestURI().getRawQuery(), Set.of("district", "type"));
        return sse.open(
                ex,
                new Subscription(
                        "live", setOf(p.name("district")), setOf(typeName(p)), null, null));
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
