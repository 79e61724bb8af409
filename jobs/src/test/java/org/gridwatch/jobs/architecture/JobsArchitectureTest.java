package org.gridwatch.jobs.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the jobs module (README, modules; docs/architecture.md, jobs): domain logic in
 * {@code logic} packages has no Flink in it, and the detection families depend on {@code wiring}
 * and common, never on each other nor on {@code GridWatchJob}. Package cycles are checked for the
 * whole project by the launcher's {@code ArchitectureTest}.
 */
class JobsArchitectureTest {
    /** The detection families, one package each under {@code org.gridwatch.jobs}. */
    static final List<String> FAMILIES =
            List.of("cases", "coverage", "noise", "positions", "shops", "stalls", "trucks");

    private static final JavaClasses CLASSES = importMainClasses();

    private static JavaClasses importMainClasses() {
        // The rules look at names only: no need to import every library class a GridWatch class
        // refers to.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.gridwatch.jobs");
    }

    @Test
    void logicPackagesHaveNoFlink() {
        noClasses()
                .that()
                .resideInAPackage("org.gridwatch.jobs..logic..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("logic packages are plain Java, unit-tested without a Flink runtime")
                .check(CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cases", "coverage", "noise", "positions", "shops", "stalls", "trucks"})
    void aFamilyDependsOnNoOtherFamilyNorOnGridWatchJob(String family) {
        String[] others =
                FAMILIES.stream()
                        .filter(f -> !f.equals(family))
                        .map(f -> "org.gridwatch.jobs." + f + "..")
                        .toArray(String[]::new);
        String[] forbidden = Arrays.copyOf(others, others.length + 1);
        forbidden[others.length] = "org.gridwatch.jobs";
        noClasses()
                .that()
                .resideInAPackage("org.gridwatch.jobs." + family + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .because(
                        "a detection is attached through wiring only, so that each runs alone or in GridWatchJob")
                .check(CLASSES);
    }

    @Test
    void theDispatchStageDependsOnNoFamilyNorOnWiring() {
        // wiring depends on dispatch (Workflows attaches the stage), so the reverse would be a
        // cycle; and the stage serves every detection, so it must not know any.
        String[] forbidden =
                java.util.stream.Stream.concat(
                                FAMILIES.stream().map(f -> "org.gridwatch.jobs." + f + ".."),
                                java.util.stream.Stream.of(
                                        "org.gridwatch.jobs", "org.gridwatch.jobs.wiring.."))
                        .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("org.gridwatch.jobs.dispatch..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .because("the stage is attached by wiring after the detections")
                .check(CLASSES);
    }

    @Test
    void everyFamilyIsChecked() {
        // A family added under org.gridwatch.jobs without being listed here would escape the rule
        // above.
        List<String> packages =
                CLASSES.stream()
                        .map(JavaClass::getPackageName)
                        .filter(p -> p.startsWith("org.gridwatch.jobs."))
                        .map(p -> p.substring("org.gridwatch.jobs.".length()).split("\\.")[0])
                        .distinct()
                        .sorted()
                        .filter(p -> !p.equals("wiring") && !p.equals("indexer"))
                        // Not a detection: the nearest-officer stage wiring puts after all of them.
                        .filter(p -> !p.equals("dispatch"))
                        .toList();
        assertThat(packages).containsExactlyElementsOf(FAMILIES);
    }
}
