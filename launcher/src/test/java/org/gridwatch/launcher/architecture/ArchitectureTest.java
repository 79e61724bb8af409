package org.gridwatch.launcher.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package cycles among GridWatch's packages, over every module (the launcher's classpath holds
 * them all; a cycle across modules could only go through a package split between two modules, and
 * there is none).
 *
 * <p>No exceptions (issue 17): the stalls logic works on its own values and the stalls function
 * converts to the savepointed {@code SpotEvent}; the gateway's composition root is in {@code
 * gateway.server}, above {@code net} and {@code publish}.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = importMainClasses();

    private static JavaClasses importMainClasses() {
        // The rules look at names only: no need to import every library class a GridWatch class
        // refers to.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.gridwatch");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.gridwatch.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg :
                new String[] {
                    "org.gridwatch.common.model",
                    "org.gridwatch.common.flink",
                    "org.gridwatch.jobs.wiring",
                    "org.gridwatch.console",
                    "org.gridwatch.sim.engine",
                    "org.gridwatch.gateway",
                    "org.gridwatch.launcher"
                }) {
            assertThat(CLASSES.containPackage(pkg)).as(pkg).isTrue();
        }
    }
}
