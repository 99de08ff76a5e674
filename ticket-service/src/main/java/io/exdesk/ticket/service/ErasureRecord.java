package io.exdesk.ticket.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer's erasure record: every request that erased something, and how far each service has
 * confirmed it. Names the customer only by their pseudonym and holds nothing the tickets said.
 *
 * @param complete whether every request is confirmed by every service
 */
public record ErasureRecord(String customerPseudonym, List<Request> requests, boolean complete) {

    /**
     * One erasure request.
     *
     * @param requestedBy the token subject of whoever asked
     * @param tickets     the tickets it erased
     * @param services    ticket-service and each service that must confirm, in the configured order
     * @param complete    whether every service has confirmed every part
     */
    public record Request(UUID id, String requestedBy, Instant requestedAt, List<UUID> tickets,
                          List<ServiceProgress> services, boolean complete) {
    }

    /**
     * How far one service has erased its part of a request.
     *
     * @param customerConfirmed whether it erased what it held of the customer beyond tickets
     * @param ticketsConfirmed  of how many of the request's tickets it erased what it held
     * @param lastConfirmedAt   its latest confirmation; null before the first
     * @param complete          the customer part and every ticket confirmed
     */
    public record ServiceProgress(String service, boolean customerConfirmed, int ticketsConfirmed,
                                  Instant lastConfirmedAt, boolean complete) {
    }
}
