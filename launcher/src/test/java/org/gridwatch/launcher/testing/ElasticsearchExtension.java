package org.gridwatch.launcher.testing;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.gridwatch.launcher.stack.EmbeddedElasticsearch;
import org.gridwatch.launcher.stack.Ports;
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
            int port = Ports.free();
            server = new EmbeddedElasticsearch(Path.of("target", "es-test"), port, "512m", new PrintStream(OutputStream.nullOutputStream()));
            server.start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("gridwatch-elasticsearch", (AutoCloseable) () -> server.close());
        }
    }

    public static String url() {
        return server.url();
    }
}
