package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** EXDESK_SERVICES picks the services (and whether the console) the local run starts. */
class ServiceSelectionTest {

    @Test
    void unsetOrBlankStartsEveryServiceAndTheConsole() {
        assertThat(LocalRun.chosen(null))
                .containsExactly("ticket-service", "routing-service", "sla-service", "notification-service", "console");
        assertThat(LocalRun.chosen(" ")).hasSize(5);
    }

    @Test
    void aListStartsThoseOnly() {
        assertThat(LocalRun.chosen("routing-service, ticket-service,"))
                .containsExactly("routing-service", "ticket-service");
        assertThat(LocalRun.chosen("console,ticket-service")).containsExactly("console", "ticket-service");
    }

    @Test
    void aNameThatIsNoServiceIsRefused() {
        assertThatThrownBy(() -> LocalRun.chosen("routing-service,routing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[routing]")
                .hasMessageContaining("notification-service");
    }
}
