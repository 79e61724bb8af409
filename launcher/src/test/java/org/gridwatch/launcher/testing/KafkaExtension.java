package org.gridwatch.launcher.testing;

import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.Ports;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * One real Kafka broker for the whole test run, started on free ports the first time a test class
 * asks for it and stopped when the run ends. Topics are GridWatch's; tests that need isolation use
 * their own consumer groups.
 */
public final class KafkaExtension implements BeforeAllCallback {
    private static EmbeddedKafka broker;

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (broker == null) {
            int[] ports = Ports.reserve(2);
            broker =
                    new EmbeddedKafka(
                                    Path.of("target", "kafka-test-" + ports[0]), ports[0], ports[1])
                            .start();
            broker.createTopics();
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("gridwatch-kafka", (AutoCloseable) () -> broker.close());
        }
    }

    public static String bootstrap() {
        return broker.bootstrap();
    }

    public static EmbeddedKafka broker() {
        return broker;
    }
}
