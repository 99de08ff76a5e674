package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ServiceArchitecture} against two fixture services: {@code archfixture.billing}
 * keeps every rule, {@code archfixture.broken} breaks each one once, so every rule is shown to fail.
 */
class ServiceArchitectureTest {

    private static final List<String> SERVICES = List.of(
            "archfixture.billing", "archfixture.broken", "archfixture.shipping");
    private static final String BROKEN = "archfixture.broken";

    private final JavaClasses billing = new ClassFileImporter().importPackages("archfixture.billing");
    private final JavaClasses broken = new ClassFileImporter().importPackages(BROKEN);

    @Test
    void aServiceThatKeepsTheLayoutPasses() {
        ServiceArchitecture.assertKept("archfixture.billing", billing,
                ServiceArchitecture.rules("archfixture.billing", SERVICES));
    }

    @Test
    void importingAnotherServiceFails() {
        assertViolation(ServiceArchitecture.otherServicesUntouched(BROKEN, SERVICES),
                "archfixture.broken.messaging.OrderEvents", "archfixture.shipping.domain.Parcel");
    }

    @Test
    void aUseCaseTakingARestDtoFails() {
        assertViolation(ServiceArchitecture.serviceLayerIgnoresRest(BROKEN),
                "archfixture.broken.service.OrderService", "archfixture.broken.rest.OrderRequest");
    }

    @Test
    void aDomainClassUsingMessagingFails() {
        assertViolation(ServiceArchitecture.domainStandsAlone(BROKEN),
                "archfixture.broken.domain.Order", "archfixture.broken.messaging.OrderEvents");
    }

    @Test
    void mainCodeUsingTheTestkitFails() {
        assertViolation(ServiceArchitecture.noTestkit(BROKEN),
                "archfixture.broken.config.OrderProbe", "io.exdesk.testkit.FreePorts");
    }

    @Test
    void aClassAtTheServiceRootFails() {
        assertViolation(ServiceArchitecture.everyClassInALayer(BROKEN), "archfixture.broken.OrderLeftover");
    }

    @Test
    void aResourceOutsideRestFails() {
        assertViolation(ServiceArchitecture.resourcesInRest(BROKEN), "archfixture.broken.service.OrderResource");
    }

    @Test
    void aConfigMappingOutsideConfigFails() {
        assertViolation(ServiceArchitecture.configMappingsInConfig(BROKEN),
                "archfixture.broken.messaging.OrderConfig");
    }

    @Test
    void theCompositeCheckListsEveryBrokenRule() {
        assertThatThrownBy(() -> ServiceArchitecture.assertKept(BROKEN, broken,
                ServiceArchitecture.rules(BROKEN, SERVICES)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("archfixture.broken breaks 7 architecture rule(s):")
                .hasMessageContaining("OrderEvents").hasMessageContaining("OrderService")
                .hasMessageContaining("Order.<init>").hasMessageContaining("OrderProbe")
                .hasMessageContaining("OrderLeftover").hasMessageContaining("OrderResource")
                .hasMessageContaining("OrderConfig");
    }

    @Test
    void aPackageWithoutMainClassesIsNoPass() {
        assertThatThrownBy(() -> ServiceArchitecture.checkSharedModule("io.exdesk.nosuchmodule"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("No main classes found in io.exdesk.nosuchmodule");
        assertThatThrownBy(() -> ServiceArchitecture.check("io.exdesk.tickets"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEventsContractNeverUsesTheTestkit() {
        ServiceArchitecture.checkSharedModule("io.exdesk.events");
    }

    private void assertViolation(ArchRule rule, String... named) {
        EvaluationResult result = rule.evaluate(broken);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String name : named) {
            assertThat(report).contains(name);
        }
    }
}
