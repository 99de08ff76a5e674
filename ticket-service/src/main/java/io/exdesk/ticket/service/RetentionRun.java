package io.exdesk.ticket.service;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit entry of one run of the retention job (one instance's): when, the cutoffs it applied and how many
 * tickets it changed. Names no ticket and no customer.
 *
 * @param contactCutoff      tickets closed before this lost their contact data
 * @param ticketCutoff       tickets closed before this were anonymised
 * @param contactDataErased  tickets whose contact data this run erased
 * @param ticketsAnonymised  tickets this run anonymised
 */
public record RetentionRun(UUID id, Instant startedAt, Instant finishedAt, Instant contactCutoff,
                           Instant ticketCutoff, int contactDataErased, int ticketsAnonymised) {
}
