package org.gridwatch.gateway.intake;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Routes each complete HTTP request to its endpoint, counts it, and writes the answer when it is
 * ready (after Kafka's acknowledgement or Elasticsearch's answer; the event loop never waits for
 * them). Shared by all connections: it holds no per-connection state.
 */
@ChannelHandler.Sharable
final class IntakeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeHandler.class);
    static final String OPEN311 = "/open311/v2/";

    private final IntakeConfig config;
    private final Open311Endpoints open311;
    private final IngestEndpoints ingest;
    private final IngestTopic hotline;
    private final IngestTopic iot;
    private final IntakeMetrics metrics;

    IntakeHandler(
            IntakeConfig config,
            IntakePublisher publisher,
            CaseLookup cases,
            IntakeMetrics metrics) {
        this.config = config;
        this.open311 = new Open311Endpoints(config, publisher, cases);
        this.ingest = new IngestEndpoints(publisher, metrics);
        this.hotline = IngestTopic.hotline(config.zone());
        this.iot = IngestTopic.iot(config.zone());
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            write(ctx, Answer.ingestError(400, "malformed HTTP request", null), false, "unknown");
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        String endpoint = endpoint(path);
        byte[] body =
                ByteBufUtil.getBytes(
                        req.content()); // the request is released when this method returns
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String bearer = Secrets.bearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        CompletableFuture<Answer> answer;
        try {
            answer =
                    route(
                            req.method(),
                            path,
                            endpoint,
                            contentType,
                            req.headers().get("X-Api-Key"),
                            bearer,
                            body);
        } catch (RuntimeException e) {
            LOG.error("intake failed on {} {}", req.method(), path, e);
            answer =
                    CompletableFuture.completedFuture(
                            Answer.ingestError(500, "internal error", null));
        }
        answer.whenComplete(
                (a, failure) -> {
                    if (failure != null) {
                        LOG.error("intake failed on {}", path, failure);
                        a = Answer.ingestError(500, "internal error", null);
                    }
                    write(ctx, a, keepAlive, endpoint);
                });
    }

    private CompletableFuture<Answer> route(
            HttpMethod method,
            String path,
            String endpoint,
            String contentType,
            String apiKeyHeader,
            String bearer,
            byte[] body) {
        boolean get = HttpMethod.GET.equals(method);
        boolean post = HttpMethod.POST.equals(method);
        switch (endpoint) {
            case "services":
                return done(get ? open311.services() : notAllowed("GET"));
            case "post_request":
                return post
                        ? open311.post(contentType, apiKeyHeader, body)
                        : done(notAllowed("POST"));
            case "get_request":
                String id =
                        path.substring(
                                (OPEN311 + "requests/").length(), path.length() - ".json".length());
                return get ? open311.get(id) : done(notAllowed("GET"));
            case "ingest_hotline":
            case "ingest_iot":
                if (!post) {
                    return done(notAllowed("POST"));
                }
                if (config.ingestToken() == null
                        || !Secrets.matchesAny(bearer, java.util.List.of(config.ingestToken()))) {
                    return done(
                            Answer.ingestError(
                                    401, "Authorization: Bearer <token> is required", null));
                }
                return ingest.ingest(
                        endpoint.equals("ingest_iot") ? iot : hotline, contentType, body);
            case "metrics":
                if (config.ingestToken() == null
                        || !Secrets.matchesAny(bearer, java.util.List.of(config.ingestToken()))) {
                    return done(
                            Answer.ingestError(
                                    401, "Authorization: Bearer <token> is required", null));
                }
                return done(
                        Answer.text(
                                200,
                                metrics.prometheusText(),
                                "text/plain; version=0.0.4; charset=utf-8"));
            default:
                return done(
                        path.startsWith(OPEN311)
                                ? Answer.open311Error(404, "no such Open311 resource")
                                : Answer.ingestError(
                                        404,
                                        "no such resource; see gateway/README.md (HTTP intake)",
                                        null));
        }
    }

    /** The endpoint label of a path (metrics and routing). */
    static String endpoint(String path) {
        if (path.equals(OPEN311 + "services.json")) {
            return "services";
        }
        if (path.equals(OPEN311 + "requests.json")) {
            return "post_request";
        }
        if (path.startsWith(OPEN311 + "requests/")
                && path.endsWith(".json")
                && path.length() > (OPEN311 + "requests/.json").length()) {
            return "get_request";
        }
        return switch (path) {
            case "/ingest/hotline" -> "ingest_hotline";
            case "/ingest/iot" -> "ingest_iot";
            case "/metrics" -> "metrics";
            default -> "unknown";
        };
    }

    private static Answer notAllowed(String allowed) {
        return Answer.ingestError(405, "method not allowed; use " + allowed, null);
    }

    private void write(ChannelHandlerContext ctx, Answer a, boolean keepAlive, String endpoint) {
        metrics.request(endpoint, a.outcome());
        FullHttpResponse resp =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(a.status()),
                        Unpooled.wrappedBuffer(a.body()));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        resp.headers().set("X-Content-Type-Options", "nosniff");
        if (a.status() == 401) {
            resp.headers()
                    .set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"gridwatch-intake\"");
        }
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            ctx.writeAndFlush(resp);
        } else {
            resp.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and read timeouts are routine on the open internet; the connection is simply
        // dropped.
        LOG.debug("intake connection closed: {}", cause.toString());
        ctx.close();
    }

    private static CompletableFuture<Answer> done(Answer a) {
        return CompletableFuture.completedFuture(a);
    }
}
