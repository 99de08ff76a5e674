package io.exdesk.ticket.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * The retention settings, checked once at startup so that a deployment with a setting that cannot be meant
 * stops with a message naming it, instead of erasing too much, too little or too early.
 *
 * @param closedTickets after this, counted from the closing, a closed ticket is anonymised
 * @param contactData   after this, a closed ticket loses its contact data; at most {@code closedTickets}
 * @param batchSize     tickets per transaction
 */
public record RetentionPolicy(Period closedTickets, Period contactData, int batchSize) {

    /** Batches beyond this hold locks and a transaction too long for a background job. */
    public static final int MAX_BATCH_SIZE = 10_000;
    private static final LocalDateTime REFERENCE = LocalDateTime.of(2000, 1, 1, 0, 0);

    /**
     * @param idempotencyRetention how long a stored creation response (which repeats the contact data) is
     *                             kept; retention never rewrites one, so contact data must outlive it
     * @throws IllegalStateException naming the setting that is wrong and why
     */
    public static RetentionPolicy validated(Period closedTickets, Period contactData, int batchSize,
                                            Duration idempotencyRetention) {
        if (!positive(contactData)) {
            throw invalid("ticket.retention.contact-data (TICKET_RETENTION_CONTACT_DATA) is " + contactData
                    + ": it must be a positive ISO-8601 period such as P1Y");
        }
        if (!positive(closedTickets)) {
            throw invalid("ticket.retention.closed-tickets (TICKET_RETENTION_CLOSED_TICKETS) is " + closedTickets
                    + ": it must be a positive ISO-8601 period such as P5Y");
        }
        if (length(contactData).compareTo(length(closedTickets)) > 0) {
            throw invalid("ticket.retention.contact-data (" + contactData + ") is longer than "
                    + "ticket.retention.closed-tickets (" + closedTickets + "): contact data cannot outlive the "
                    + "ticket it belongs to");
        }
        if (length(contactData).compareTo(idempotencyRetention) <= 0) {
            throw invalid("ticket.retention.contact-data (" + contactData + ") must be longer than "
                    + "exdesk.idempotency.retention (" + idempotencyRetention + "): a stored creation response "
                    + "repeats the contact data until then");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw invalid("ticket.retention.batch-size (TICKET_RETENTION_BATCH_SIZE) is " + batchSize
                    + ": it must be between 1 and " + MAX_BATCH_SIZE);
        }
        return new RetentionPolicy(closedTickets, contactData, batchSize);
    }

    /** Tickets closed before this lose their contact data at {@code now}. */
    public Instant contactCutoff(Instant now) {
        return before(now, contactData);
    }

    /** Tickets closed before this are anonymised at {@code now}. */
    public Instant ticketCutoff(Instant now) {
        return before(now, closedTickets);
    }

    private static Instant before(Instant now, Period period) {
        return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }

    private static boolean positive(Period period) {
        return !period.isNegative() && !period.isZero()
                && period.getYears() >= 0 && period.getMonths() >= 0 && period.getDays() >= 0;
    }

    private static Duration length(Period period) {
        return Duration.between(REFERENCE, REFERENCE.plus(period));
    }

    private static IllegalStateException invalid(String message) {
        return new IllegalStateException("ticket-service cannot start: " + message);
    }
}
