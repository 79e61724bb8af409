package org.gridwatch.common.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Module common is the model: records, parsing, geometry, reference data, the Kafka and
 * Elasticsearch clients, and no Flink (that is module streaming). Its packages depend on each other
 * without cycles.
 */
class CommonArchitectureTest {
    private static final JavaClasses CLASSES = FlinkFree.mainClasses("org.gridwatch.common");

    @Test
    void noCommonClassDependsOnFlink() {
        FlinkFree.assertNoFlinkDependencies(CLASSES, "org.gridwatch.common");
    }

    @Test
    void flinkIsNotOnCommonsClasspath() {
        FlinkFree.assertNoFlinkOnTheClasspath();
    }

    @Test
    void commonsPackagesHaveNoCycles() {
        slices().matching("org.gridwatch.common.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
