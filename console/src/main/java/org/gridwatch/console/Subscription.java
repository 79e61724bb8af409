package org.gridwatch.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Who gets which alerts: empty sets match everything.
 *
 * @param id subscription id
 * @param districts districts to receive, empty = all
 * @param types alert types to receive, empty = all
 * @param webhookUrl http(s) URL to POST each alert to, or null for a live (SSE) subscription
 * @param secret HMAC-SHA256 key for the signature header of webhook deliveries, or null
 */
public record Subscription(
        String id, Set<String> districts, Set<String> types, String webhookUrl, String secret) {
    public Subscription {
        districts = districts == null ? Set.of() : Set.copyOf(districts);
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public boolean matches(JsonNode alert) {
        return (districts.isEmpty() || districts.contains(alert.path("district").asText()))
                && (types.isEmpty() || types.contains(alert.path("type").asText()));
    }
}
