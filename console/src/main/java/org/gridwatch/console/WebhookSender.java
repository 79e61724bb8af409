package org.gridwatch.console;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * POSTs one alert to a webhook, retrying with exponential back-off on connection errors, 5xx and
 * 429. Before each attempt the target is checked against the {@link WebhookTargetPolicy} again (its
 * host resolved anew, since DNS can change since the subscription); a refused target is not
 * contacted. Redirects are never followed. Headers: {@code X-GridWatch-Delivery} (alertId:revision,
 * stable across retries so receivers can drop repeats), {@code X-GridWatch-Timestamp} (epoch ms)
 * and {@code X-GridWatch-Signature: sha256=<hex>} = HMAC-SHA256(secret, timestamp + "." + body).
 */
public final class WebhookSender {
    public static final String SIGNATURE = "X-GridWatch-Signature";
    public static final String TIMESTAMP = "X-GridWatch-Timestamp";
    public static final String DELIVERY = "X-GridWatch-Delivery";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
    private final int maxAttempts;
    private final long firstBackoffMs;
    private final MeterRegistry metrics;
    private final WebhookTargetPolicy policy;

    public WebhookSender(
            int maxAttempts,
            long firstBackoffMs,
            MeterRegistry metrics,
            WebhookTargetPolicy policy) {
        this.maxAttempts = maxAttempts;
        this.firstBackoffMs = firstBackoffMs;
        this.metrics = metrics;
        this.policy = policy;
    }

    public WebhookTargetPolicy policy() {
        return policy;
    }

    /**
     * Delivers; returns true on a 2xx, false when every attempt failed, the receiver refused (4xx;
     * a 3xx redirect counts as a refusal) or the policy refuses the target now.
     */
    public boolean send(Subscription s, String deliveryId, byte[] body)
            throws InterruptedException {
        long backoff = firstBackoffMs;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String refusal;
            boolean resolved = true;
            try {
                refusal = policy.refusalAtDelivery(s.webhookUrl());
            } catch (UnknownHostException e) {
                refusal = null;
                resolved = false; // not sent unchecked: retried like a connection error
            }
            if (refusal != null) {
                LOG.warn(
                        "webhook {} not delivered to {}: {}",
                        s.id(),
                        WebhookTargetPolicy.redact(s.webhookUrl()),
                        refusal);
                metrics.counter("gridwatch_console_webhook_deliveries", "outcome", "blocked")
                        .increment();
                return false;
            }
            String ts = Long.toString(System.currentTimeMillis());
            HttpRequest.Builder rq =
                    HttpRequest.newBuilder(URI.create(s.webhookUrl()))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header(DELIVERY, deliveryId)
                            .header(TIMESTAMP, ts)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (s.secret() != null) {
                rq.header(SIGNATURE, "sha256=" + sign(s.secret(), ts, body));
            }
            int status = -1;
            try {
                if (resolved) {
                    status =
                            http.send(rq.build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                }
            } catch (IOException e) {
                status = -1;
            }
            if (status >= 200 && status < 300) {
                metrics.counter("gridwatch_console_webhook_deliveries", "outcome", "ok")
                        .increment();
                return true;
            }
            if (status >= 300 && status < 500 && status != 429 && status != 408) {
                metrics.counter("gridwatch_console_webhook_deliveries", "outcome", "refused")
                        .increment();
                return false;
            }
            metrics.counter("gridwatch_console_webhook_retries").increment();
            if (attempt < maxAttempts) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        metrics.counter("gridwatch_console_webhook_deliveries", "outcome", "failed").increment();
        return false;
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
