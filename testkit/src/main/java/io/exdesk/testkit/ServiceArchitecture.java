package io.exdesk.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/**
 * The package rules every service keeps, checked by one test per service: services stay apart, the
 * layers point one way, main code never reaches into the testkit, and every class sits in a named layer.
 */
public final class ServiceArchitecture {

    static final List<String> SERVICES = List.of(
            "io.exdesk.ticket", "io.exdesk.routing", "io.exdesk.sla", "io.exdesk.notification", "io.exdesk.console");

    static final List<String> LAYERS = List.of(
            "rest", "service", "domain", "repository", "messaging", "config", "health");

    private static final String TESTKIT = "io.exdesk.testkit..";
    private static final String JAX_RS_PATH = "jakarta.ws.rs.Path";
    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";

    private ServiceArchitecture() {
    }

    /**
     * Checks every rule on the main classes of one service (e.g. {@code "io.exdesk.ticket"}) and fails
     * with every violation listed.
     */
    public static void check(String servicePackage) {
        if (!SERVICES.contains(servicePackage)) {
            throw new IllegalArgumentException(servicePackage + " is no service; the services are " + SERVICES);
        }
        assertKept(servicePackage, mainClasses(servicePackage), rules(servicePackage, SERVICES));
    }

    /** Checks that the main classes of a shared module (platform, events) never use the testkit. */
    public static void checkSharedModule(String modulePackage) {
        assertKept(modulePackage, mainClasses(modulePackage), List.of(noTestkit(modulePackage)));
    }

    /** The main classes (no test classes) of a package and its sub-packages, from directories or jars. */
    static JavaClasses mainClasses(String rootPackage) {
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        // An empty import would make every "no class should" rule pass; a typo must not look like a pass.
        if (imported.isEmpty()) {
            throw new AssertionError("No main classes found in " + rootPackage + " on the classpath");
        }
        return imported;
    }

    /** The rules for {@code service}, one of {@code services} (a parameter so the rules can be tested). */
    static List<ArchRule> rules(String service, List<String> services) {
        return List.of(otherServicesUntouched(service, services), serviceLayerIgnoresRest(service),
                domainStandsAlone(service), noTestkit(service), everyClassInALayer(service),
                resourcesInRest(service), configMappingsInConfig(service));
    }

    /** Fails with each broken rule (its reason) and every violation of it, rule by rule. */
    static void assertKept(String what, JavaClasses classes, List<ArchRule> rules) {
        StringBuilder report = new StringBuilder();
        int broken = 0;
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                broken++;
                List<String> details = result.getFailureReport().getDetails();
                report.append("\n\n").append(broken).append(". ").append(rule.getDescription())
                        .append("\n   ").append(details.size()).append(" violation(s):");
                details.forEach(detail -> report.append("\n   - ").append(detail));
            }
        }
        if (broken > 0) {
            throw new AssertionError(what + " breaks " + broken + " architecture rule(s):" + report);
        }
    }

    static ArchRule otherServicesUntouched(String service, List<String> services) {
        String[] others = services.stream().filter(other -> !other.equals(service))
                .map(other -> other + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(service + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share only events, platform and the REST contract, never code");
    }

    static ArchRule serviceLayerIgnoresRest(String service) {
        return noClasses().that().resideInAPackage(service + ".service..")
                .should().dependOnClassesThat().resideInAPackage(service + ".rest..")
                .allowEmptyShould(true)
                .because("use cases take their own command records; the REST DTOs belong to rest/");
    }

    static ArchRule domainStandsAlone(String service) {
        return noClasses().that().resideInAPackage(service + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        service + ".rest..", service + ".service..", service + ".messaging..")
                .allowEmptyShould(true)
                .because("entities and domain rules know nothing of HTTP, use cases or Kafka");
    }

    static ArchRule noTestkit(String modulePackage) {
        return noClasses().that().resideInAPackage(modulePackage + "..")
                .should().dependOnClassesThat().resideInAPackage(TESTKIT)
                .because("the testkit is a test dependency; main code that used it would fail in production");
    }

    static ArchRule everyClassInALayer(String service) {
        String[] layers = LAYERS.stream().map(layer -> service + "." + layer + "..").toArray(String[]::new);
        return classes().that().resideInAPackage(service + "..")
                .should().resideInAnyPackage(layers)
                .because("every service has the same inner layout: " + String.join(", ", LAYERS)
                        + " (no class at the service's root package)");
    }

    static ArchRule resourcesInRest(String service) {
        return classes().that().resideInAPackage(service + "..").and(declareJaxRsPath())
                .should().resideInAPackage(service + ".rest..")
                .allowEmptyShould(true)
                .because("JAX-RS resources (@Path) are the rest/ layer");
    }

    static ArchRule configMappingsInConfig(String service) {
        return classes().that().resideInAPackage(service + "..").and().areAnnotatedWith(CONFIG_MAPPING)
                .should().resideInAPackage(service + ".config..")
                .allowEmptyShould(true)
                .because("@ConfigMapping interfaces are the config/ layer");
    }

    /** A resource class, or a class with a sub-resource method: either carries jakarta.ws.rs.Path. */
    private static DescribedPredicate<JavaClass> declareJaxRsPath() {
        return DescribedPredicate.describe("declare a JAX-RS @Path",
                javaClass -> javaClass.isAnnotatedWith(JAX_RS_PATH)
                        || javaClass.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(JAX_RS_PATH)));
    }
}
