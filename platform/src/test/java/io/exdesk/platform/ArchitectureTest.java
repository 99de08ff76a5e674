package io.exdesk.platform;

import io.exdesk.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Platform is main code of every service: it must never reach into the testkit. */
class ArchitectureTest {

    @Test
    void platformNeverUsesTheTestkit() {
        ServiceArchitecture.checkSharedModule("io.exdesk.platform");
    }
}
