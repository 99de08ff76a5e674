package io.exdesk.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code ticket-erased}: a ticket's personal data was erased, on the customer's request or because its
 * retention ran out ({@link #reason()}); every consumer erases what it holds about the ticket too and, for a
 * request, confirms it ({@link ErasureConfirmed}).
 *
 * @param customerId the customer's pseudonym ({@link #pseudonymOf}), never the customer id itself: the event
 *                   must not carry the personal data it erases. A consumer finds the customer through what it
 *                   learned from the ticket's {@code ticket-created}.
 * @param erasureId  the erasure request this ticket was erased by ({@link CustomerErased#erasureId()}); null
 *                   in retention's events (there is no request to confirm) and in events published
 *                   before requests had ids (added as an optional field)
 * @param reason     why: {@link ErasureReason#REQUEST} (also what an event without the field meant) or
 *                   {@link ErasureReason#RETENTION}, which erases the ticket's copies but not the customer
 */
public record TicketErased(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String customerId,
        UUID erasureId,
        ErasureReason reason) implements TicketEvent {

    private static final String PREFIX = "erased-";
    private static final int PSEUDONYM_BYTES = 16;

    public TicketErased {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
        reason = reason == null ? ErasureReason.REQUEST : reason;
    }

    /** A ticket erased by the customer's erasure request. */
    public TicketErased(UUID ticketId, long version, Instant occurredAt, String customerId, UUID erasureId) {
        this(ticketId, version, occurredAt, customerId, erasureId, ErasureReason.REQUEST);
    }

    /**
     * The pseudonym that replaces an erased customer's id everywhere (tickets, erasure records, events):
     * {@code erased-} and the first 16 bytes of HMAC-SHA256 of the id under the deployment's secret key, in
     * hex. Keyed, so that nobody without the key can confirm a guessed customer id against it (customer ids
     * are short and often sequential); deterministic, so that a repeated request and the services holding
     * the key find the same customer.
     *
     * @param key the deployment's pseudonym key (its bytes); at least 32
     */
    public static String pseudonymOf(String customerId, byte[] key) {
        Objects.requireNonNull(customerId, "customerId");
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key must have at least 32 bytes");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = hmac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
