package io.exdesk.ticket.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Retention settings that cannot be meant stop the service at startup with a message naming the setting. */
class RetentionPolicyTest {

    private static final Duration IDEMPOTENCY = Duration.ofDays(1);

    @Test
    void theDefaultsCountFromTheClosingInCalendarYears() {
        RetentionPolicy policy = RetentionPolicy.validated(Period.ofYears(5), Period.ofYears(1), 200, IDEMPOTENCY);
        Instant now = Instant.parse("2031-03-01T12:00:00Z");

        assertThat(policy.ticketCutoff(now)).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(policy.contactCutoff(now)).isEqualTo(Instant.parse("2030-03-01T12:00:00Z"));
    }

    @Test
    void contactDataCannotOutliveItsTicket() {
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.ofYears(1), Period.ofMonths(13), 200, IDEMPOTENCY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ticket.retention.contact-data (P13M) is longer than ticket.retention.closed-tickets (P1Y)");
        assertThat(RetentionPolicy.validated(Period.ofYears(1), Period.ofYears(1), 200, IDEMPOTENCY).contactData())
                .isEqualTo(Period.ofYears(1));
    }

    @Test
    void periodsMustBePositive() {
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.ofYears(5), Period.ZERO, 200, IDEMPOTENCY))
                .hasMessageContaining("ticket.retention.contact-data (TICKET_RETENTION_CONTACT_DATA) is P0D");
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.ofYears(-5), Period.ofYears(1), 200, IDEMPOTENCY))
                .hasMessageContaining("ticket.retention.closed-tickets (TICKET_RETENTION_CLOSED_TICKETS) is P-5Y");
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.of(1, -13, 0), Period.ofDays(30), 200, IDEMPOTENCY))
                .hasMessageContaining("ticket.retention.closed-tickets");
    }

    @Test
    void contactDataMustOutliveTheStoredCreationResponses() {
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.ofYears(5), Period.ofDays(1), 200, IDEMPOTENCY))
                .hasMessageContaining("must be longer than exdesk.idempotency.retention (PT24H)");
        assertThat(RetentionPolicy.validated(Period.ofYears(5), Period.ofDays(2), 200, IDEMPOTENCY)).isNotNull();
    }

    @Test
    void batchesAreBounded() {
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.ofYears(5), Period.ofYears(1), 0, IDEMPOTENCY))
                .hasMessageContaining("ticket.retention.batch-size (TICKET_RETENTION_BATCH_SIZE) is 0");
        assertThatThrownBy(() -> RetentionPolicy.validated(Period.ofYears(5), Period.ofYears(1), 10_001, IDEMPOTENCY))
                .hasMessageContaining("between 1 and 10000");
    }
}
