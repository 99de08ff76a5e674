package io.exdesk.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code ticket-erased}: a ticket's personal data was erased on request; every consumer must erase what it
 * holds about the ticket too.
 *
 * @param customerId the customer's pseudonym ({@link #pseudonymOf}), never the customer id itself: the event
 *                   must not carry the personal data it erases. A consumer finds the customer through what it
 *                   learned from the ticket's {@code ticket-created}.
 */
public record TicketErased(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String customerId) implements TicketEvent {

    public TicketErased {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
    }

    /**
     * The one-way pseudonym that replaces an erased customer's id (in ticket-service and in this
     * event): {@code erased-} and the first 12 bytes of the id's SHA-256, in hex.
     */
    public static String pseudonymOf(String customerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8));
            return "erased-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
