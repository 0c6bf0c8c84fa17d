package dev.lossservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering the style guide asks for: a core that works as a plain-Java library. */
@AnalyzeClasses(packages = "dev.lossservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String CORE = "dev.lossservice.core..";

    @ArchTest
    static final ArchRule coreUsesNoFrameworkAndNoWebClass =
            noClasses()
                    .that()
                    .resideInAPackage(CORE)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.springframework..",
                            "jakarta..",
                            "tools.jackson..",
                            "com.fasterxml..",
                            "io.swagger..",
                            "dev.lossservice.web..")
                    .because("the core must stay usable as a library on its own");

    @ArchTest
    static final ArchRule coreUsesOnlyTheJdk =
            classes()
                    .that()
                    .resideInAPackage(CORE)
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(CORE, "java..")
                    .because("the core has no third-party dependency at all");

    @ArchTest
    static final ArchRule coreClassesCannotBeExtended =
            classes()
                    .that()
                    .resideInAPackage(CORE)
                    .and()
                    .areNotInterfaces()
                    // javac's own helpers, such as the switch map class of an enum switch
                    .and()
                    .doNotHaveModifier(JavaModifier.SYNTHETIC)
                    .should()
                    .haveModifier(JavaModifier.FINAL)
                    .because("records, enums and final utility classes are the core's shapes");
}
