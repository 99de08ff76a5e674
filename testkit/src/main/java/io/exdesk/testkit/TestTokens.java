package io.exdesk.testkit;

import java.time.Duration;
import java.util.Set;

/** Bearer tokens for tests, signed with the key that {@link ExDeskTestResources} makes services trust. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A token for {@code subject} with the given roles, valid for an hour. */
    public static String of(String subject, String... roles) {
        return TestServers.get().jwt().mint(subject, Set.of(roles), Duration.ofHours(1));
    }

    /** A token whose subject is named after its single role, e.g. {@code platform-test}. */
    public static String forRole(String role) {
        return of(role + "-test", role);
    }
}
