package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code customer-replied}: the customer added a message to a ticket.
 *
 * @param reopened        whether the reply reopened a resolved ticket; the status change itself is its own
 *                        {@code status-changed}
 * @param secretsRedacted whether intake replaced secrets in the reply (keys, seed phrases, passwords, 2FA
 *                        codes), which owes the customer the scam warning as at creation; events
 *                        published before it was added lack it, and readers take that as false
 */
public record CustomerReplied(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        boolean reopened,
        boolean secretsRedacted) implements TicketEvent {

    public CustomerReplied {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
    }

    /** A reply in which nothing was redacted. */
    public CustomerReplied(UUID ticketId, long version, Instant occurredAt, String ticketNumber, boolean reopened) {
        this(ticketId, version, occurredAt, ticketNumber, reopened, false);
    }
}
