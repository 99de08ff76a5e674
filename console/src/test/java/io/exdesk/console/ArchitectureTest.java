package io.exdesk.console;

import io.exdesk.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The console keeps the services' package layout (testkit {@code ServiceArchitecture}). */
class ArchitectureTest {

    @Test
    void followsTheServiceLayout() {
        ServiceArchitecture.check("io.exdesk.console");
    }
}
