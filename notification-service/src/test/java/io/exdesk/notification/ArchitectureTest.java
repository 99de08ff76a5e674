package io.exdesk.notification;

import io.exdesk.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The package rules every service keeps (see {@link ServiceArchitecture}); a plain test, no Quarkus. */
class ArchitectureTest {

    @Test
    void notificationServiceKeepsTheSharedLayout() {
        ServiceArchitecture.check("io.exdesk.notification");
    }
}
