package org.gridwatch.launcher.testing;

import org.gridwatch.stack.EmbeddedElasticsearch;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Elasticsearch for the whole test run, on a free port (so a running demo on 9200 does not
 * interfere), unpacked under {@code target/} from the zip in the local Maven repository, stopped
 * when the run ends.
 */
public final class ElasticsearchExtension implements BeforeAllCallback {
    private static EmbeddedElasticsearch server;

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = TestServers.elasticsearch("data").start();
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("gridwatch-elasticsearch", (AutoCloseable) () -> server.close());
        }
    }

    public static String url() {
        return server.url();
    }
}
