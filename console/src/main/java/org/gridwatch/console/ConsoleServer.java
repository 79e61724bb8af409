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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GridWatch console: JSON API over Elasticsearch, live alert stream (SSE), alert push
 * (Kafka consumer group to SSE and webhooks), Prometheus metrics and the single-page UI.
 * See console/README.md for the API.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Pattern ALERT_PATH = Pattern.compile("/api/alerts/([^/]+)(/(ack|close))?");
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/api/webhooks/([A-Za-z0-9-]{1,64})");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "svg", "image/svg+xml",
            "json", "application/json; charset=utf-8");

    private final ConsoleConfig config;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer http;
    private ExecutorService pool;
    private EsReader es;
    private AlertHub hub;
    private AlertConsumer consumer;

    public ConsoleServer(ConsoleConfig config) {
        this.config = config;
    }

    /** Starts serving; refuses to listen on a non-loopback address without a token. */
    public synchronized ConsoleServer start() throws IOException {
        if (!config.loopback() && config.token() == null) {
            throw new IllegalStateException("the console is bound to " + config.bindAddress()
                    + ", which is not a loopback address: set " + ConsoleConfig.TOKEN_ENV + " to a bearer token, or bind to 127.0.0.1");
        }
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        es = new EsReader(new EsConnection(config.esUrls()));
        try {
            es.installActionsTemplate();
        } catch (IOException e) {
            LOG.warn("cannot install the {} template yet ({}); actions will still be stored", EsReader.ACTIONS_INDEX, e.getMessage());
        }
        hub = new AlertHub(new WebhookSender(5, 500, metrics), metrics, config.stateDir());
        if (config.kafkaBootstrap() != null) {
            consumer = new AlertConsumer(config.kafkaBootstrap(), config.consumerGroup(), hub);
            consumer.start();
        }
        // SSE connections hold a thread each; bound them.
        pool = new ThreadPoolExecutor(8, 64, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "gridwatch-console-http");
            t.setDaemon(true);
            return t;
        });
        http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
        LOG.info("GridWatch console on {}", url());
        return this;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
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
        try {
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (path.startsWith("/api/") || path.equals("/metrics")) {
                if (!authorized(ex)) {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                    status = error(ex, 401, "missing or wrong bearer token");
                    return;
                }
                status = api(ex, path);
            } else {
                status = staticFile(ex, path);
            }
        } catch (BadRequest e) {
            status = error(ex, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), path, e);
            status = error(ex, path.startsWith("/api/") ? 502 : 500, "backend error: " + e.getClass().getSimpleName());
        } finally {
            sample.stop(metrics.timer("gridwatch_console_http_requests", "route", route(path), "status", Integer.toString(status)));
            ex.close();
        }
    }

    private static String route(String path) {
        if (path.startsWith("/api/alerts/")) {
            return "/api/alerts/{id}";
        }
        if (path.startsWith("/api/webhooks/")) {
            return "/api/webhooks/{id}";
        }
        return path.startsWith("/api/") || path.equals("/metrics") ? path : "static";
    }

    private boolean authorized(HttpExchange ex) {
        if (config.token() == null) {
            return true;
        }
        String presented = null;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            presented = auth.substring(7).trim();
        } else {
            // EventSource cannot set headers: the UI stores the token in a same-site cookie.
            String cookies = ex.getRequestHeaders().getFirst("Cookie");
            if (cookies != null) {
                for (String c : cookies.split(";")) {
                    String t = c.trim();
                    if (t.startsWith("gw_token=")) {
                        presented = java.net.URLDecoder.decode(t.substring(9), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), config.token().getBytes(StandardCharsets.UTF_8));
    }

    private int api(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        String query = ex.getRequestURI().getRawQuery();
        if (path.equals("/metrics")) {
            return send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8));
        }
        Matcher m = ALERT_PATH.matcher(path);
        if (m.matches() && !path.equals("/api/alerts/")) {
            String id = Params.id(m.group(1));
            if (m.group(3) == null) {
                requireMethod(method, "GET");
                Params.parse(query, Set.of());
                ObjectNode alert = es.alert(id);
                return alert == null ? error(ex, 404, "no alert with id '" + id + "'") : json(ex, 200, alert);
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
            return hub.removeWebhook(w.group(1)) ? json(ex, 200, Json.MAPPER.createObjectNode().put("deleted", w.group(1)))
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
            case "/api/config" -> {
                requireMethod(method, "GET");
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("tileUrl", config.tileUrl());
                o.put("push", consumer != null);
                ArrayNode types = o.putArray("alertTypes");
                for (AlertType t : AlertType.values()) {
                    types.addObject().put("id", t.name()).put("zh", t.nameZh()).put("en", t.nameEn());
                }
                ArrayNode sev = o.putArray("severities");
                for (Severity s : Severity.values()) {
                    sev.add(s.name());
                }
                return json(ex, 200, o);
            }
            case "/api/grids" -> {
                requireMethod(method, "GET");
                Path f = config.cityDir() == null ? null : config.cityDir().resolve("grids.geojson");
                if (f == null || !Files.isRegularFile(f)) {
                    return send(ex, 200, TYPES.get("json"), "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(StandardCharsets.UTF_8));
                }
                return send(ex, 200, TYPES.get("json"), Files.readAllBytes(f));
            }
            case "/api/positions" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("entityType", "district"));
                EntityType type = p.enumValue("entityType", EntityType.class);
                return json(ex, 200, es.positions(type == null ? null : type.name(), p.name("district")));
            }
            case "/api/alerts" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("type", "district", "severity", "status", "size"));
                return json(ex, 200, es.alerts(new EsReader.AlertFilter(
                        p.enumValue("type", AlertType.class), p.name("district"), p.enumValue("severity", Severity.class),
                        p.oneOf("status", List.of("open", "closed", "all"), "open"), p.intValue("size", 1, 1000, 200))));
            }
            case "/api/hotspots" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "category", "days"));
                return json(ex, 200, es.hotspots(p.name("district"), p.name("category"), p.intValue("days", 1, 366, 30)));
            }
            case "/api/coverage" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "days"));
                return json(ex, 200, es.coverage(p.name("district"), p.intValue("days", 1, 366, 7)));
            }
            case "/api/kpis" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "days"));
                return json(ex, 200, es.kpis(p.name("district"), p.intValue("days", 1, 366, 30)));
            }
            case "/api/stream" -> {
                requireMethod(method, "GET");
                Params p = Params.parse(query, Set.of("district", "type"));
                return stream(ex, new Subscription("live", setOf(p.name("district")), setOf(typeName(p)), null, null));
            }
            case "/api/webhooks" -> {
                if (method.equals("GET")) {
                    return json(ex, 200, hub.describeWebhooks());
                }
                requireMethod(method, "POST");
                return json(ex, 201, Json.MAPPER.valueToTree(addWebhook(body(ex))));
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
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("\"url\" is not a valid URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new BadRequest("\"url\" must be an http:// or https:// URL with a host");
        }
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
                throw new BadRequest("unknown alert type in \"types\"; allowed: " + java.util.Arrays.toString(AlertType.values()));
            }
        }
        Subscription s = hub.addWebhook(districts, types, url, secret);
        ObjectNode o = Json.MAPPER.valueToTree(s);
        o.remove("secret");
        o.put("signed", s.secret() != null);
        return o;
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

    /** Server-sent events: one "alert" event per matching alert update, a comment every 15 s as keep-alive. */
    private int stream(HttpExchange ex, Subscription filter) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>(1000);
        Runnable stop = hub.listen(filter, queue::offer);
        metrics.counter("gridwatch_console_sse_connections").increment();
        try {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                JsonNode a = queue.poll(15, TimeUnit.SECONDS);
                String frame = a == null ? ": keep-alive\n\n"
                        : "event: alert\nid: " + a.path("alertId").asText() + ":" + a.path("revision").asInt() + "\ndata: " + a + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            return 200; // client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 200;
        } finally {
            stop.run();
        }
    }

    private int staticFile(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            return error(ex, 405, "method not allowed");
        }
        String resource;
        if (path.equals("/") || path.equals("/index.html")) {
            resource = "/console-ui/index.html";
        } else if (path.startsWith("/vendor/leaflet/")) {
            resource = "/META-INF/resources/webjars/leaflet/1.9.4/dist/" + path.substring("/vendor/leaflet/".length());
        } else if (path.equals("/vendor/echarts/echarts.min.js")) {
            resource = "/META-INF/resources/webjars/echarts/5.5.0/echarts.min.js";
        } else {
            resource = "/console-ui" + path;
        }
        if (resource.contains("..") || resource.contains("//")) {
            return error(ex, 404, "not found");
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                return error(ex, 404, "not found");
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Cache-Control", "max-age=300");
            return send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new BadRequest("method " + actual + " not allowed here; use " + expected);
        }
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readNBytes(64 * 1024 + 1);
        if (bytes.length > 64 * 1024) {
            throw new BadRequest("request body larger than 64 KiB");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new BadRequest("request body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("request body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadRequest("\"" + field + "\" must be a string");
        }
        return n.asText().isBlank() ? null : n.asText();
    }

    private static int json(HttpExchange ex, int status, JsonNode body) throws IOException {
        return send(ex, status, TYPES.get("json"), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static int error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode().put("status", status).put("error", message);
        try {
            return json(ex, status, o);
        } catch (IOException | IllegalStateException e) {
            return status; // headers already sent (SSE)
        }
    }

    private static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            ex.getResponseBody().write(body);
        }
        return status;
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
        if (hub != null) {
            hub.close();
        }
        if (pool != null) {
            pool.shutdownNow();
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
