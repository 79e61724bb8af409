package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.ParseLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The Open311 GeoReport v2 endpoints: the service list, posting a request (answered once Kafka has
 * the hotline record) and a request's status from its case document.
 */
final class Open311Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Open311Endpoints.class);

    /** Ids this intake issues, and the hotline's ticket numbers: nothing that needs escaping. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final IntakeConfig config;
    private final IntakePublisher publisher;
    private final CaseLookup cases;
    private final PendingRequests pending;
    private final HotlineParser jobsParser;

    Open311Endpoints(IntakeConfig config, IntakePublisher publisher, CaseLookup cases) {
        this.config = config;
        this.publisher = publisher;
        this.cases = cases;
        this.pending = new PendingRequests(config.pendingCapacity());
        this.jobsParser = new HotlineParser(ParseLimits.DEFAULTS, config.zone());
    }

    Answer services() {
        return Answer.json(200, Open311Mapping.services());
    }

    /**
     * {@code POST requests.json}: 401 without a valid key, 400 naming the field, 503 when Kafka
     * does not take it.
     */
    CompletableFuture<Answer> post(String contentType, String apiKeyHeader, byte[] body) {
        Map<String, String> params;
        try {
            params = params(contentType, body);
        } catch (BadRequest e) {
            // The key may be inside the body we could not read: without a header key this is a 401.
            return done(
                    Secrets.matchesAny(apiKeyHeader, config.open311Keys())
                            ? Answer.open311Error(e.status(), e.getMessage())
                            : unauthorized());
        }
        String key = apiKeyHeader != null ? apiKeyHeader : params.get("api_key");
        if (!Secrets.matchesAny(key, config.open311Keys())) {
            return done(unauthorized());
        }
        Open311Input input;
        try {
            input = Open311Validation.validate(params);
        } catch (BadRequest e) {
            return done(Answer.open311Error(400, e.getMessage()));
        }
        long now = System.currentTimeMillis();
        String id = Open311Mapping.newRequestId(now);
        byte[] record = Json.bytes(Open311Mapping.hotlineRecord(id, input, now));
        try {
            jobsParser.parse(record); // what the case job will do with it; both checks must agree
        } catch (InvalidInputException e) {
            return done(Answer.open311Error(400, e.getMessage()));
        }
        return publisher
                .send(IntakeConfig.HOTLINE_TOPIC, id, record)
                .handle(
                        (ok, failure) -> {
                            if (failure != null) {
                                LOG.warn(
                                        "Open311 request not stored in Kafka: {}",
                                        failure.toString());
                                return Answer.open311Error(
                                        503, "the request could not be stored; try again");
                            }
                            pending.add(id, new PendingRequests.Accepted(input, now));
                            var a = Json.MAPPER.createArrayNode();
                            a.addObject()
                                    .put("service_request_id", id)
                                    .put(
                                            "service_notice",
                                            "received; status at /open311/v2/requests/"
                                                    + id
                                                    + ".json");
                            return Answer.json(200, a);
                        });
    }

    /**
     * {@code GET requests/{id}.json}: the case's status, "open" while only this intake knows it,
     * else 404.
     */
    CompletableFuture<Answer> get(String id) {
        if (!REQUEST_ID.matcher(id).matches()) {
            return done(Answer.open311Error(404, "no service request with that id"));
        }
        PendingRequests.Accepted accepted = pending.find(id);
        if (cases == null) {
            return done(
                    accepted != null
                            ? one(Open311Mapping.statusPending(id, accepted))
                            : Answer.open311Error(
                                    404,
                                    "no service request "
                                            + id
                                            + " (this intake reads no Elasticsearch)"));
        }
        return cases.find(id)
                .handle(
                        (doc, failure) -> {
                            if (failure != null) {
                                LOG.warn("case lookup failed: {}", failure.toString());
                                return accepted != null
                                        ? one(Open311Mapping.statusPending(id, accepted))
                                        : Answer.open311Error(
                                                503, "case status is unavailable; try again");
                            }
                            if (doc.isPresent()) {
                                return one(Open311Mapping.statusFromCase(id, doc.get()));
                            }
                            return accepted != null
                                    ? one(Open311Mapping.statusPending(id, accepted))
                                    : Answer.open311Error(404, "no service request " + id);
                        });
    }

    private static Map<String, String> params(String contentType, byte[] body) throws BadRequest {
        String type =
                contentType == null
                        ? "application/x-www-form-urlencoded"
                        : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new BadRequest(null, "the body is not JSON");
            }
            return Open311Validation.fromJson(node);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            String text = new String(body, StandardCharsets.UTF_8);
            Map<String, List<String>> form =
                    new QueryStringDecoder(text, StandardCharsets.UTF_8, false, 256).parameters();
            return Open311Validation.single(form);
        }
        throw new BadRequest(
                415,
                null,
                "Content-Type must be application/x-www-form-urlencoded or application/json (upload media elsewhere and send media_url)");
    }

    private static Answer unauthorized() {
        return Answer.open311Error(401, "a valid api_key is required");
    }

    private static Answer one(com.fasterxml.jackson.databind.node.ObjectNode status) {
        var a = Json.MAPPER.createArrayNode();
        a.add(status);
        return Answer.json(200, a);
    }

    private static CompletableFuture<Answer> done(Answer a) {
        return CompletableFuture.completedFuture(a);
    }
}
