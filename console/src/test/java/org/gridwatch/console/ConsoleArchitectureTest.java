package org.gridwatch.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.gridwatch.common.architecture.FlinkFree;
import org.junit.jupiter.api.Test;

/**
 * The console runs without Flink: none of its classes (nor common's) refers to Flink, and no
 * dependency brings Flink in.
 */
class ConsoleArchitectureTest {
    private static final JavaClasses CLASSES = FlinkFree.mainClasses("org.gridwatch");

    @Test
    void noConsoleOrCommonClassDependsOnFlink() {
        FlinkFree.assertNoFlinkDependencies(
                CLASSES, "org.gridwatch.console", "org.gridwatch.common");
    }

    @Test
    void flinkIsNotOnTheConsolesClasspath() {
        FlinkFree.assertNoFlinkOnTheClasspath();
    }
}
