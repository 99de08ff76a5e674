package io.exdesk.ticket.service;

import io.exdesk.ticket.domain.Ticket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** Intake metrics: {@code tickets_created_total} by priority, category, channel and tier; redactions. */
@Singleton
public class TicketMetrics {

    private final MeterRegistry registry;
    private final Counter redacted;

    public TicketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.redacted = Counter.builder("ticket.secrets.redacted")
                .description("Ticket openings and customer replies in which secrets (keys, seed phrases, passwords, 2FA codes) were redacted")
                .register(registry);
    }

    void created(Ticket ticket) {
        registry.counter("tickets.created",
                "priority", ticket.priority.name(),
                "category", ticket.category.name(),
                "channel", ticket.channel.name(),
                "tier", ticket.customerTier.name()).increment();
        if (ticket.secretsRedacted) {
            redacted.increment();
        }
    }

    /** A customer's reply exposed secrets in a ticket. */
    void secretsRedacted() {
        redacted.increment();
    }
}
