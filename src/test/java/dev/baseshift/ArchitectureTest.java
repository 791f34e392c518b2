package dev.baseshift;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Keeps the package table of ARCHITECTURE.md true. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baseshift");
    }

    @Test
    void layersDependOnlyDownwards() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("launcher").definedBy("dev.baseshift")
                .layer("ui").definedBy("dev.baseshift.ui..")
                .layer("cli").definedBy("dev.baseshift.cli..")
                .layer("app").definedBy("dev.baseshift.app..")
                .layer("report").definedBy("dev.baseshift.report..")
                .layer("chart").definedBy("dev.baseshift.chart..")
                .layer("repair").definedBy("dev.baseshift.repair..")
                .layer("compare").definedBy("dev.baseshift.compare..")
                .layer("engine").definedBy("dev.baseshift.engine..")
                .layer("plan").definedBy("dev.baseshift.plan..")
                .layer("registry").definedBy("dev.baseshift.registry..")
                .layer("domain").definedBy("dev.baseshift.dockerfile..", "dev.baseshift.catalog..",
                        "dev.baseshift.advice..", "dev.baseshift.diagnosis..")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("app").mayOnlyBeAccessedByLayers("ui", "cli", "launcher")
                .whereLayer("report").mayOnlyBeAccessedByLayers("app", "ui", "cli")
                .whereLayer("chart").mayOnlyBeAccessedByLayers("report", "app", "ui")
                .whereLayer("repair").mayOnlyBeAccessedByLayers("report", "app", "chart", "cli", "ui")
                .whereLayer("compare").mayOnlyBeAccessedByLayers("repair", "chart", "report", "app", "cli", "ui")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("compare", "app", "cli", "ui")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("repair", "compare", "report", "app", "cli", "ui")
                .whereLayer("registry").mayOnlyBeAccessedByLayers("plan", "repair", "compare", "report", "app",
                        "cli", "ui")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("registry", "plan", "engine", "compare", "repair",
                        "chart", "report", "app", "cli", "ui", "launcher");
        rule.check(classes);
    }

    @Test
    void domainPlanAndCompareKnowNothingOfJavaFxOrDocker() {
        noClasses().that().resideInAnyPackage("dev.baseshift.dockerfile..", "dev.baseshift.catalog..",
                        "dev.baseshift.advice..", "dev.baseshift.diagnosis..", "dev.baseshift.plan..",
                        "dev.baseshift.compare..", "dev.baseshift.repair..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.github.dockerjava..",
                        "org.apache.hc..", "org.controlsfx..", "picocli..")
                .check(classes);
    }

    @Test
    void onlyTheEngineTalksDocker() {
        noClasses().that().resideOutsideOfPackage("dev.baseshift.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
                .check(classes);
    }

    @Test
    void domainUsesOnlyTheJdkAndJackson() {
        noClasses().that().resideInAnyPackage("dev.baseshift.dockerfile..", "dev.baseshift.catalog..",
                        "dev.baseshift.advice..", "dev.baseshift.diagnosis..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..",
                        "com.fasterxml.jackson..", "dev.baseshift.dockerfile..", "dev.baseshift.catalog..",
                        "dev.baseshift.advice..", "dev.baseshift.diagnosis..")
                .check(classes);
    }

    @Test
    void viewsTalkOnlyToTheirViewModelsNotToTheService() {
        noClasses().that().haveSimpleNameEndingWith("View").and().resideInAPackage("dev.baseshift.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.baseshift.engine..",
                        "dev.baseshift.report..", "dev.baseshift.cli..")
                .orShould().dependOnClassesThat().haveSimpleName("Planner")
                .orShould().dependOnClassesThat().haveSimpleName("ComparisonService")
                .because("views use only their view model; values they show may be domain records (ARCHITECTURE.md)")
                .check(classes);
    }
}
