package io.openim.maven.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages' order, lowest first, as the README's "Layout of the code" shows it. A package may
 * use packages below it; packages on one line know nothing of each other. Read from the compiled
 * classes, so an import against the order or a cycle fails the build.
 */
class LayerOrderTest {

    private static final String ROOT = "io.openim.maven";

    /**
     * Each entry is one layer; its packages may use every layer above it in this list. Packages are
     * matched exactly (every package is listed), so a package and its subpackages may be layers.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of(""), // OpenImException, BuildFailedException
            List.of("util"),
            List.of("setting"),
            List.of("oci", "sbom"),
            List.of("process"),
            List.of("docker"), // the port: DockerEngine and the types it speaks in
            List.of("docker.discovery"), // finding the engine, and why it did not answer
            List.of("docker.api"), // the port on docker-java
            List.of("naming"),
            List.of("buildimage", "clean", "containers", "release"),
            List.of("sync", "registry"),
            List.of("pipeline"),
            List.of("cache"),
            List.of("config"),
            List.of("plugin"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            for (String name : LAYERS.get(layer)) {
                List<String> forbidden = new ArrayList<>();
                for (int other = layer; other < LAYERS.size(); other++) {
                    for (String higher : LAYERS.get(other)) {
                        if (!higher.equals(name)) {
                            forbidden.add(packageOf(higher));
                        }
                    }
                }
                if (forbidden.isEmpty()) {
                    continue;
                }
                String own = packageOf(name);
                noClasses()
                        .that()
                        .resideInAPackage(own)
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(own + " sits below " + forbidden + " in the documented layer order")
                        .check(classes);
            }
        }
    }

    @Test
    void onlyTheMojosAndTheConfigLayerReadSettings() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".config..", ROOT + ".plugin..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".config..")
                .because("services take typed requests; the config layer turns settings into them")
                .check(classes);
    }

    @Test
    void everyPackageIsInTheOrder() {
        List<String> known = LAYERS.stream()
                .flatMap(List::stream)
                .map(LayerOrderTest::packageOf)
                .toList();
        List<String> unknown = classes.stream()
                .map(c -> c.getPackageName())
                .distinct()
                .filter(p -> !known.contains(p))
                .toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), unknown, "add new packages to LAYERS");
    }

    private static String packageOf(String name) {
        return name.isEmpty() ? ROOT : ROOT + "." + name;
    }
}
