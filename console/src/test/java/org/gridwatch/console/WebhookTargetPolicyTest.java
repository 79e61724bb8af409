package org.gridwatch.console;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which webhook targets a console accepts: the allow-list, the special ranges, the URL rules. No
 * lookup leaves this machine.
 */
class WebhookTargetPolicyTest {
    /** Names resolve from this table only; anything else does not resolve. */
    static WebhookTargetPolicy.Resolver table(Map<String, String> names) {
        return host -> {
            String ip = names.get(host);
            if (ip == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
                }
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(ip)};
        };
    }

    private static final Map<String, String> DNS =
            Map.of(
                    "hooks.example.org", "93.184.216.34",
                    "example.org", "93.184.216.34",
                    "nowhere.test", "93.184.216.99",
                    "team.example.org", "93.184.216.35",
                    "internal.example.org", "10.1.2.3",
                    "localhost", "127.0.0.1",
                    "metadata.example.org", "169.254.169.254");

    private static String refusal(WebhookTargetPolicy p, String url) {
        try {
            p.check(url);
            return null;
        } catch (BadRequest e) {
            return e.getMessage();
        }
    }

    @Test
    void hostileTargetsAreRefusedWithAReason() {
        WebhookTargetPolicy p =
                WebhookTargetPolicy.of(
                        List.of("hooks.example.org", "*.example.org", "203.0.113.7"), table(DNS));
        assertThat(refusal(p, "http://169.254.169.254/latest/meta-data/")).contains("link-local");
        assertThat(refusal(p, "http://127.0.0.1:9200/_cluster/settings")).contains("loopback");
        assertThat(refusal(p, "http://127.0.0.1:8081/jobs")).contains("loopback");
        assertThat(refusal(p, "http://[::1]:22/")).contains("loopback");
        assertThat(refusal(p, "http://10.0.0.1/")).contains("private");
        assertThat(refusal(p, "http://192.168.1.1/")).contains("private");
        assertThat(refusal(p, "http://172.16.5.4/")).contains("private");
        assertThat(refusal(p, "http://[fd00::1]/")).contains("private");
        assertThat(refusal(p, "http://[fe80::1]/")).contains("link-local");
        assertThat(refusal(p, "http://0.0.0.0:9200/")).contains("unspecified");
        assertThat(refusal(p, "http://224.0.0.1/")).contains("multicast");
        assertThat(refusal(p, "http://[::ffff:127.0.0.1]:9200/")).contains("loopback");
        assertThat(refusal(p, "http://2130706433:9200/"))
                .as("127.0.0.1 as one number")
                .contains("loopback");
        assertThat(refusal(p, "http://localhost:9200/"))
                .contains("resolved to 127.0.0.1")
                .contains("loopback");
        // a listed name (or suffix) whose DNS points inside the network is refused too
        assertThat(refusal(p, "http://internal.example.org/hook"))
                .contains("10.1.2.3")
                .contains("private");
        assertThat(refusal(p, "http://metadata.example.org/")).contains("link-local");
        assertThat(refusal(p, "ftp://hooks.example.org/x")).contains("http:// or https://");
        assertThat(refusal(p, "file:///etc/passwd")).contains("http:// or https://");
        assertThat(refusal(p, "http:///nohost")).contains("with a host");
        assertThat(refusal(p, "http://nowhere.test/"))
                .contains("not in the console's webhook allow-list");
        assertThat(refusal(p, "http://198.51.100.20/")).contains("reserved");
        assertThat(refusal(p, "http://8.8.8.8/"))
                .contains("not in the console's webhook allow-list");
    }

    @Test
    void credentialsInTheUrlAreRefusedAndNeverRepeated() {
        WebhookTargetPolicy p = WebhookTargetPolicy.of(List.of("hooks.example.org"), table(DNS));
        String msg = refusal(p, "https://user:s3cr3t-pass@hooks.example.org/hook");
        assertThat(msg).contains("user:password@").doesNotContain("s3cr3t-pass");
        assertThat(refusal(p, "https://token@hooks.example.org/hook")).contains("user:password@");
        assertThat(
                        WebhookTargetPolicy.redact(
                                "https://user:s3cr3t@hooks.example.org:8443/in/hook?key=abc"))
                .isEqualTo("https://hooks.example.org:8443/in/hook?…");
    }

    @Test
    void listedTargetsAreAccepted() {
        WebhookTargetPolicy p =
                WebhookTargetPolicy.of(
                        List.of(
                                "hooks.example.org",
                                "*.example.org",
                                "127.0.0.1",
                                "10.1.0.0/16",
                                "::1"),
                        table(DNS));
        assertThat(refusal(p, "https://hooks.example.org/hook")).isNull();
        assertThat(refusal(p, "https://team.example.org/hook")).as("by suffix").isNull();
        assertThat(refusal(p, "http://127.0.0.1:8099/hook"))
                .as("loopback listed by address")
                .isNull();
        assertThat(refusal(p, "http://localhost:8099/hook"))
                .as("a name resolving into a listed address")
                .isNull();
        assertThat(refusal(p, "http://internal.example.org/hook"))
                .as("private, its CIDR listed")
                .isNull();
        assertThat(refusal(p, "http://[::1]:8099/hook")).isNull();
        assertThat(refusal(p, "http://127.0.0.2/hook"))
                .as("only the listed address")
                .contains("loopback");
        assertThat(refusal(p, "https://example.org/hook"))
                .as("*.example.org is for sub-domains")
                .contains("not in");
    }

    @Test
    void nothingIsAllowedWithoutAnAllowList() {
        WebhookTargetPolicy p = WebhookTargetPolicy.of(List.of(), table(DNS));
        assertThat(p.allowsNothing()).isTrue();
        assertThat(refusal(p, "https://hooks.example.org/hook")).contains("--webhook-allow");
    }

    @Test
    void deliveryChecksTheAddressesAgain() throws Exception {
        String[] answer = {"93.184.216.34"};
        WebhookTargetPolicy p =
                WebhookTargetPolicy.of(
                        List.of("hooks.example.org"),
                        host -> new InetAddress[] {InetAddress.getByName(answer[0])});
        assertThat(refusal(p, "https://hooks.example.org/hook")).isNull();
        answer[0] = "169.254.169.254"; // DNS rebinding after the subscription
        assertThat(p.refusalAtDelivery("https://hooks.example.org/hook")).contains("link-local");
        WebhookTargetPolicy twoAnswers =
                WebhookTargetPolicy.of(
                        List.of("hooks.example.org"),
                        host ->
                                new InetAddress[] {
                                    InetAddress.getByName("93.184.216.34"),
                                    InetAddress.getByName("10.0.0.5")
                                });
        assertThat(twoAnswers.refusalAtDelivery("https://hooks.example.org/hook"))
                .as("every address is checked")
                .contains("10.0.0.5");
    }

    @Test
    void badAllowEntriesStopTheStart() {
        assertThatThrownBy(() -> WebhookTargetPolicy.of(List.of("http://x/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http://x/'");
        assertThatThrownBy(() -> WebhookTargetPolicy.of(List.of("10.0.0.0/33")))
                .hasMessageContaining("prefix length");
        assertThatThrownBy(() -> WebhookTargetPolicy.of(List.of("example.org/8")))
                .hasMessageContaining("not an IP address");
    }
}
