package org.gridwatch.gateway.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The intake's counters (Micrometer, served in Prometheus text at {@code /metrics}):
 *
 * <ul>
 *   <li>{@code gridwatch_intake_requests_total{endpoint, outcome}}: every HTTP request, by endpoint
 *       ({@code services}, {@code post_request}, {@code get_request}, {@code ingest_hotline},
 *       {@code ingest_iot}, {@code metrics}, {@code unknown}) and outcome ({@code ok}, {@code
 *       bad_request}, {@code unauthorized}, {@code not_found}, {@code too_large}, {@code
 *       unavailable}, {@code error});
 *   <li>{@code gridwatch_intake_records_total{topic, outcome, reason}}: ingested records, {@code
 *       accepted}, {@code rejected} (reason = the parser's reason code) or {@code failed} (Kafka
 *       did not take it).
 * </ul>
 */
public final class IntakeMetrics {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void request(String endpoint, String outcome) {
        Counter.builder("gridwatch.intake.requests")
                .description("HTTP requests to the intake by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void record(String topic, String outcome, String reason) {
        Counter.builder("gridwatch.intake.records")
                .description("Ingested records by topic, outcome and reason code")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .tag("reason", reason == null ? "" : reason)
                .register(registry)
                .increment();
    }

    /** How many requests of an endpoint ended with an outcome so far. */
    public double requests(String endpoint, String outcome) {
        Counter c =
                registry.find("gridwatch.intake.requests")
                        .tag("endpoint", endpoint)
                        .tag("outcome", outcome)
                        .counter();
        return c == null ? 0 : c.count();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Everything in the Prometheus text format. */
    public String prometheusText() {
        return registry.scrape();
    }
}
