package org.gridwatch.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.gridwatch.common.architecture.FlinkFree;
import org.junit.jupiter.api.Test;

/**
 * The JT/T 808 gateway runs without Flink: none of its classes (nor common's) refers to Flink, and
 * no dependency brings Flink in.
 */
class GatewayArchitectureTest {
    private static final JavaClasses CLASSES = FlinkFree.mainClasses("org.gridwatch");

    @Test
    void noGatewayOrCommonClassDependsOnFlink() {
        FlinkFree.assertNoFlinkDependencies(
                CLASSES, "org.gridwatch.gateway", "org.gridwatch.common");
    }

    @Test
    void flinkIsNotOnTheGatewaysClasspath() {
        FlinkFree.assertNoFlinkOnTheClasspath();
    }
}
