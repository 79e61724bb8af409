package org.gridwatch.sim;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.gridwatch.common.architecture.FlinkFree;
import org.junit.jupiter.api.Test;

/**
 * The simulator runs without Flink: none of its classes (nor common's) refers to Flink, and no
 * dependency brings Flink in.
 */
class SimulatorArchitectureTest {
    private static final JavaClasses CLASSES = FlinkFree.mainClasses("org.gridwatch");

    @Test
    void noSimulatorOrCommonClassDependsOnFlink() {
        FlinkFree.assertNoFlinkDependencies(CLASSES, "org.gridwatch.sim", "org.gridwatch.common");
    }

    @Test
    void flinkIsNotOnTheSimulatorsClasspath() {
        FlinkFree.assertNoFlinkOnTheClasspath();
    }
}
