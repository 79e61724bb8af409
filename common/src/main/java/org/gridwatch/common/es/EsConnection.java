package org.gridwatch.common.es;

import org.apache.http.HttpHost;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.protocol.HttpCoreContext;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.RestHighLevelClientBuilder;

import java.io.Serializable;
import java.net.URI;
import java.util.List;

/**
 * Where Elasticsearch is and how to log in. Credentials come from the environment ({@code
 * GRIDWATCH_ES_USERNAME}, {@code GRIDWATCH_ES_PASSWORD}) of the process that builds the client,
 * never from flags, so they stay out of job graphs and process lists.
 */
public record EsConnection(List<String> urls) implements Serializable {
    public EsConnection {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch URL is required");
        }
        for (String u : urls) {
            URI uri = URI.create(u);
            if (uri.getHost() == null || !(u.startsWith("http://") || u.startsWith("https://"))) {
                throw new IllegalArgumentException(
                        "'" + u + "' is not an http(s)://host[:port] Elasticsearch URL");
            }
        }
        urls = List.copyOf(urls);
    }

    /** The low-level client, with credentials when the environment has them. */
    public RestClient lowLevelClient() {
        return builder().build();
    }

    /**
     * The high-level client in REST API compatibility mode, so the 7.17 client also talks to
     * Elasticsearch 8. Some 8.x test distributions lack the {@code GET /} handler the client's
     * product check calls; a 405 there is turned into a 403, which the client treats as "cannot
     * check, go on".
     */
    public RestHighLevelClient highLevelClient() {
        return new RestHighLevelClientBuilder(builder().build())
                .setApiCompatibilityMode(true)
                .build();
    }

    private RestClientBuilder builder() {
        HttpHost[] hosts = urls.stream().map(HttpHost::create).toArray(HttpHost[]::new);
        String user = System.getenv("GRIDWATCH_ES_USERNAME");
        String password = System.getenv("GRIDWATCH_ES_PASSWORD");
        return RestClient.builder(hosts)
                .setHttpClientConfigCallback(
                        http -> {
                            // A blank user name is no credentials: compose passes a variable that
                            // is not set as "".
                            if (user != null && !user.isBlank() && password != null) {
                                BasicCredentialsProvider creds = new BasicCredentialsProvider();
                                creds.setCredentials(
                                        AuthScope.ANY,
                                        new UsernamePasswordCredentials(user, password));
                                http.setDefaultCredentialsProvider(creds);
                            }
                            http.addInterceptorLast(
                                    (HttpResponseInterceptor)
                                            (response, context) -> {
                                                var request =
                                                        HttpCoreContext.adapt(context).getRequest();
                                                String uri = request.getRequestLine().getUri();
                                                if (request.getRequestLine()
                                                                .getMethod()
                                                                .equals("GET")
                                                        && (uri.equals("/") || uri.startsWith("/?"))
                                                        && response.getStatusLine().getStatusCode()
                                                                == 405) {
                                                    response.setStatusCode(403);
                                                }
                                            });
                            return http;
                        });
    }
}
