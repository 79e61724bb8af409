package org.gridwatch.common.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks behind "runs without Flink" for the modules that claim it (common, console, simulator,
 * gateway), shared through common's test-jar. Each module's own test calls them with its own
 * classpath, so they see that module and what it depends on, never the jobs.
 */
public final class FlinkFree {
    /** A class every Flink program loads: present whenever any flink-core is on the classpath. */
    static final String FLINK_CORE_CLASS = "org.apache.flink.api.common.functions.Function";

    private FlinkFree() {}

    /**
     * The production classes of {@code packages} (and their subpackages) on this module's
     * classpath.
     */
    public static JavaClasses mainClasses(String... packages) {
        // The rules look at names only: no need to import every library class a GridWatch class
        // refers to.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(packages);
    }

    /** No class of {@code packages} refers to anything of Flink's. */
    public static void assertNoFlinkDependencies(JavaClasses classes, String... packages) {
        noClasses()
                .that()
                .resideInAnyPackage(subpackages(packages))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("this module must run without Flink (README, modules)")
                .check(classes);
    }

    /** Flink is not even on the (test) classpath: no dependency brings it in, directly or not. */
    public static void assertNoFlinkOnTheClasspath() {
        assertThatThrownBy(
                        () ->
                                Class.forName(
                                        FLINK_CORE_CLASS, false, FlinkFree.class.getClassLoader()))
                .as("flink-core is on the classpath; `mvn dependency:tree` shows what brings it")
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static String[] subpackages(String... packages) {
        String[] out = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            out[i] = packages[i] + "..";
        }
        return out;
    }
}
