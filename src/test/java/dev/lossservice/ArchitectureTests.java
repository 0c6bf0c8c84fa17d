package dev.lossservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The package graph, as docs/architecture.md draws it. Every package of the service is a layer
 * here, and each layer names the only layers it may use; a class outside every layer fails the
 * build, so a new package has to be placed in the graph before it can be merged.
 *
 * <pre>
 *   crossentropy, nll, bce, softmax  ->  request, tensor, loss, explain, core, problem
 *   request  ->  tensor, limits, explain, core, problem
 *   tensor   ->  limits, core, problem
 *   loss     ->  request, tensor, explain, core, problem
 *   explain  ->  tensor, core, problem
 *   openapi  ->  tensor, core
 *   limits, ops  ->  servlet, problem
 *   core, problem, servlet  ->  nothing of the project
 * </pre>
 */
@AnalyzeClasses(packages = "dev.lossservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String CORE = "dev.lossservice.core..";

    @ArchTest
    static final ArchRule packagesUseOnlyThePackagesTheGraphAllows =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .ensureAllClassesAreContainedInArchitecture()
                    .layer("application")
                    .definedBy("dev.lossservice")
                    .layer("core")
                    .definedBy(CORE)
                    .layer("tensor")
                    .definedBy("dev.lossservice.tensor..")
                    .layer("request")
                    .definedBy("dev.lossservice.request..")
                    .layer("loss")
                    .definedBy("dev.lossservice.loss..")
                    .layer("problem")
                    .definedBy("dev.lossservice.problem..")
                    .layer("explain")
                    .definedBy("dev.lossservice.explain..")
                    .layer("limits")
                    .definedBy("dev.lossservice.limits..")
                    .layer("ops")
                    .definedBy("dev.lossservice.ops..")
                    .layer("servlet")
                    .definedBy("dev.lossservice.servlet..")
                    .layer("openapi")
                    .definedBy("dev.lossservice.openapi..")
                    .layer("crossentropy")
                    .definedBy("dev.lossservice.crossentropy..")
                    .layer("nll")
                    .definedBy("dev.lossservice.nll..")
                    .layer("bce")
                    .definedBy("dev.lossservice.bce..")
                    .layer("softmax")
                    .definedBy("dev.lossservice.softmax..")
                    // endpoints: used by no other package (Spring finds them), never by each other
                    .whereLayer("crossentropy")
                    .mayOnlyAccessLayers("core", "tensor", "request", "loss", "explain", "problem")
                    .whereLayer("nll")
                    .mayOnlyAccessLayers("core", "tensor", "request", "loss", "explain", "problem")
                    .whereLayer("bce")
                    .mayOnlyAccessLayers("core", "tensor", "request", "loss", "explain", "problem")
                    .whereLayer("softmax")
                    .mayOnlyAccessLayers("core", "tensor", "request", "loss", "explain", "problem")
                    .whereLayer("crossentropy")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("nll")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("bce")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("softmax")
                    .mayNotBeAccessedByAnyLayer()
                    // shared request layer: reading bodies, the tensor codec, the response pieces
                    .whereLayer("request")
                    .mayOnlyAccessLayers("core", "tensor", "limits", "explain", "problem")
                    .whereLayer("tensor")
                    .mayOnlyAccessLayers("core", "limits", "problem")
                    // what cross-entropy and NLL share: response fields, their rules, their steps
                    .whereLayer("loss")
                    .mayOnlyAccessLayers("core", "tensor", "request", "explain", "problem")
                    // explain mode's shared pieces: the step record, its list, the size cap
                    .whereLayer("explain")
                    .mayOnlyAccessLayers("core", "tensor", "problem")
                    .whereLayer("openapi")
                    .mayOnlyAccessLayers("core", "tensor")
                    .whereLayer("openapi")
                    .mayNotBeAccessedByAnyLayer()
                    // servlet filters and the container's error valve answer with problem JSON
                    .whereLayer("limits")
                    .mayOnlyAccessLayers("servlet", "problem")
                    .whereLayer("ops")
                    .mayOnlyAccessLayers("servlet", "problem")
                    .whereLayer("ops")
                    .mayNotBeAccessedByAnyLayer()
                    // the leaves
                    .whereLayer("problem")
                    .mayNotAccessAnyLayer()
                    .whereLayer("core")
                    .mayNotAccessAnyLayer()
                    .whereLayer("servlet")
                    .mayNotAccessAnyLayer()
                    .whereLayer("application")
                    .mayNotAccessAnyLayer()
                    .whereLayer("application")
                    .mayNotBeAccessedByAnyLayer()
                    .because("the folder names are the architecture (docs/architecture.md)");

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("dev.lossservice.(*)..")
                    .should()
                    .beFreeOfCycles()
                    .because("a package is understood, tested and moved on its own");

    @ArchTest
    static final ArchRule coreUsesNoFramework =
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
                            "org.springdoc..")
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

    /**
     * Jackson is a set of Java modules: a package its module-info does not export (such as
     * jackson-core's {@code io.schubfach}) works on the class path by accident, and an upgrade may
     * remove it. The exports are read from the jars' own module descriptors.
     */
    @ArchTest
    static final ArchRule jacksonIsUsedOnlyThroughItsExportedPackages =
            noClasses()
                    .should()
                    .dependOnClassesThat(
                            new DescribedPredicate<JavaClass>(
                                    "are in a Jackson package that its module does not export") {
                                private final Set<String> exported =
                                        exportedPackages(
                                                tools.jackson.core.JsonParser.class,
                                                tools.jackson.databind.ObjectMapper.class);

                                @Override
                                public boolean test(JavaClass type) {
                                    return type.getPackageName().startsWith("tools.jackson.")
                                            && !exported.contains(type.getPackageName());
                                }
                            });

    private static Set<String> exportedPackages(Class<?>... members) {
        Set<String> exported = new HashSet<>();
        for (Class<?> member : members) {
            try {
                Path jar =
                        Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
                for (ModuleReference module : ModuleFinder.of(jar).findAll()) {
                    for (ModuleDescriptor.Exports exports : module.descriptor().exports()) {
                        if (!exports.isQualified()) {
                            exported.add(exports.source());
                        }
                    }
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        if (exported.size() < 10) {
            throw new IllegalStateException("Jackson's module descriptors were not found");
        }
        return exported;
    }
}
