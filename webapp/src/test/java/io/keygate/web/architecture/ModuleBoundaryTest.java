package io.keygate.web.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.keygate.groups.internal.MachineGroup;
import io.keygate.web.architecture.violation.QueryingView;
import io.keygate.web.architecture.violation.ReachesIntoGroupsInternals;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A module's {@code internal} package is its own business: only classes of the same module may use it.
 * The modules are read off the package names ({@code io.keygate.<module>..}), so a new module is covered
 * without touching this test; the modules' source folders tell which modules the import must have found.
 */
class ModuleBoundaryTest {

    private static final Pattern MODULE = Pattern.compile("io\\.keygate\\.([^.]+)(\\..*)?");
    private static final Pattern INTERNAL = Pattern.compile("io\\.keygate\\.([^.]+)\\.internal(\\..*)?");
    private static final Path WEBAPP = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

    static final ArchRule INTERNALS_STAY_IN_THEIR_MODULE = classes()
            .should(useInternalTypesOnlyOfTheirOwnModule());

    static final ArchRule VIEWS_HOLD_NO_QUERIES = noClasses()
            .that().resideInAPackage("io.keygate.web..").and().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..")
            .because("backing beans glue a page to a service; queries belong in the modules");

    static final ArchRule VIEWS_HOLD_NO_ENTITY_MANAGER = noFields()
            .that().areDeclaredInClassesThat().haveSimpleNameEndingWith("View")
            .and().areDeclaredInClassesThat().resideInAPackage("io.keygate.web..")
            .should().haveRawType(EntityManager.class);

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.keygate");
    }

    @Test
    void noClassUsesAnotherModulesInternals() throws IOException {
        Set<String> found = production.stream().map(ModuleBoundaryTest::moduleOf).flatMap(Optional::stream)
                .collect(toCollection(TreeSet::new));
        Set<String> withInternals = production.stream().map(c -> internalModuleOf(c.getPackageName())).flatMap(Optional::stream)
                .collect(toCollection(TreeSet::new));

        assertTrue(found.containsAll(moduleFolders()), "imported " + found + ", expected all of " + moduleFolders());
        assertTrue(found.contains("web"), "imported " + found);
        assertEquals(modulesWithInternalSources(), withInternals, "modules whose internal classes were imported");
        INTERNALS_STAY_IN_THEIR_MODULE.check(production);
    }

    @Test
    void reportsAClassThatReachesIntoAnotherModulesInternals() {
        JavaClasses violation = new ClassFileImporter().importClasses(ReachesIntoGroupsInternals.class, MachineGroup.class);

        EvaluationResult result = INTERNALS_STAY_IN_THEIR_MODULE.evaluate(violation);

        String report = result.getFailureReport().toString();
        assertTrue(result.hasViolation());
        assertTrue(report.contains(ReachesIntoGroupsInternals.class.getName()), report);
        assertTrue(report.contains(MachineGroup.class.getName()), report);
        assertTrue(result.getFailureReport().getDetails().stream().allMatch(line -> line.contains("<" + ReachesIntoGroupsInternals.class.getName())),
                "only the fixture is to blame, not the module's own classes: " + report);
    }

    @Test
    void viewsHoldNoQueriesAndNoEntityManager() throws IOException {
        Set<String> views = production.stream()
                .filter(c -> c.getPackageName().startsWith("io.keygate.web") && c.getSimpleName().endsWith("View"))
                .map(JavaClass::getName).collect(toCollection(TreeSet::new));

        assertEquals(viewSources(), views, "View classes imported");
        VIEWS_HOLD_NO_QUERIES.check(production);
        VIEWS_HOLD_NO_ENTITY_MANAGER.check(production);
    }

    @Test
    void reportsAViewThatHoldsAnEntityManager() {
        JavaClasses violation = new ClassFileImporter().importClasses(QueryingView.class);

        EvaluationResult queries = VIEWS_HOLD_NO_QUERIES.evaluate(violation);
        EvaluationResult field = VIEWS_HOLD_NO_ENTITY_MANAGER.evaluate(violation);

        assertTrue(queries.hasViolation());
        assertTrue(queries.getFailureReport().toString().contains(EntityManager.class.getName()));
        assertTrue(field.hasViolation());
        assertTrue(field.getFailureReport().toString().contains(QueryingView.class.getName() + ".em"), field.getFailureReport().toString());
    }

    private static ArchCondition<JavaClass> useInternalTypesOnlyOfTheirOwnModule() {
        return new ArchCondition<>("use types of io.keygate.<module>.internal.. only from within io.keygate.<module>..") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String> owner = internalModuleOf(target.getPackageName());
                    if (owner.isPresent() && !owner.equals(moduleOf(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into the internals of module '" + owner.get() + "'"));
                    }
                }
            }
        };
    }

    private static Optional<String> moduleOf(JavaClass javaClass) {
        Matcher module = MODULE.matcher(javaClass.getPackageName());
        return module.matches() ? Optional.of(module.group(1)) : Optional.empty();
    }

    private static Optional<String> internalModuleOf(String packageName) {
        Matcher internal = INTERNAL.matcher(packageName);
        return internal.matches() ? Optional.of(internal.group(1)) : Optional.empty();
    }

    /** The Maven modules under modules/, each expected to ship the package io.keygate.&lt;folder name&gt;. */
    private static Set<String> moduleFolders() throws IOException {
        try (Stream<Path> folders = Files.list(WEBAPP.resolve("../modules"))) {
            Set<String> names = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(toCollection(TreeSet::new));
            assertFalse(names.isEmpty(), "no module folders next to " + WEBAPP);
            return names;
        }
    }

    private static Set<String> modulesWithInternalSources() throws IOException {
        Set<String> modules = new TreeSet<>();
        for (String module : moduleFolders()) {
            if (Files.isDirectory(WEBAPP.resolve("../modules/" + module + "/src/main/java/io/keygate/" + module + "/internal"))) {
                modules.add(module);
            }
        }
        return modules;
    }

    private static Set<String> viewSources() throws IOException {
        Path sources = WEBAPP.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources.resolve("io/keygate/web"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("View.java"))
                    .map(f -> sources.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
                    .collect(toCollection(TreeSet::new));
        }
    }
}
