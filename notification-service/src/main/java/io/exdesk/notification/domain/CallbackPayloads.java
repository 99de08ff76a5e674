package io.exdesk.notification.domain;

import io.exdesk.events.CsatSubmitted;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketResponded;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which callback an event is, and what the platform gets of it: references (ticket id and number,
 * the ticket's version where it has one) and the facts its app shows, never an agent's id or name nor
 * the customer's data. A pure function of the event.
 */
public final class CallbackPayloads {

    /** A callback owed by an event: its type, ticket and data (the CloudEvent's JSON body). */
    public record Callback(CallbackType type, UUID ticketId, String ticketNumber, Instant occurredAt,
                           Map<String, Object> data) {
    }

    private CallbackPayloads() {
    }

    public static Optional<Callback> of(ExDeskEvent event) {
        if (event instanceof TicketResponded responded) {
            Map<String, Object> data = ticket(responded.ticketId(), responded.ticketNumber(), responded.version());
            data.put("firstResponse", responded.firstResponse());
            return callback(CallbackType.AGENT_REPLIED, responded.ticketId(), responded.ticketNumber(),
                    responded.occurredAt(), data);
        }
        if (event instanceof StatusChanged changed) {
            Map<String, Object> data = ticket(changed.ticketId(), changed.ticketNumber(), changed.version());
            data.put("previousStatus", changed.previousStatus().name());
            data.put("status", changed.status().name());
            data.put("changedBy", actor(changed.changedBy()));
            return callback(CallbackType.STATUS_CHANGED, changed.ticketId(), changed.ticketNumber(),
                    changed.occurredAt(), data);
        }
        if (event instanceof TicketAssigned assigned) {
            Map<String, Object> data = ticket(assigned.ticketId(), assigned.ticketNumber(), null);
            data.put("reason", assigned.reason().name());
            data.put("agentTier", assigned.agentTier().name());
            data.put("priority", assigned.priority().name());
            return callback(CallbackType.ASSIGNED, assigned.ticketId(), assigned.ticketNumber(),
                    assigned.occurredAt(), data);
        }
        if (event instanceof SlaBreached breached) {
            Map<String, Object> data = ticket(breached.ticketId(), breached.ticketNumber(), null);
            data.put("clock", breached.clock().name());
            data.put("priority", breached.priority().name());
            data.put("dueAt", breached.dueAt().toString());
            data.put("breachedAt", breached.breachedAt().toString());
            return callback(CallbackType.SLA_BREACHED, breached.ticketId(), breached.ticketNumber(),
                    breached.occurredAt(), data);
        }
        if (event instanceof TicketCreated created && created.secretsRedacted()) {
            Map<String, Object> data = ticket(created.ticketId(), created.ticketNumber(), created.version());
            data.put("secretsRedacted", true);
            data.put("language", created.language());
            return callback(CallbackType.SCAM_WARNING, created.ticketId(), created.ticketNumber(),
                    created.occurredAt(), data);
        }
        if (event instanceof CsatSubmitted rated) {
            // The rating and whether there is a comment; the comment is the customer's own text, kept in
            // ticket-service where an erasure reaches it, and the rated agent is personal data: neither leaves.
            Map<String, Object> data = ticket(rated.ticketId(), rated.ticketNumber(), rated.version());
            data.put("rating", rated.rating());
            data.put("commented", rated.commented());
            return callback(CallbackType.CSAT_SUBMITTED, rated.ticketId(), rated.ticketNumber(),
                    rated.occurredAt(), data);
        }
        return Optional.empty();
    }

    /** Who changed a status, as a kind: an agent's id is personal data the platform does not need. */
    static String actor(String changedBy) {
        return "customer".equals(changedBy) || "system".equals(changedBy) ? changedBy : "agent";
    }

    private static Map<String, Object> ticket(UUID ticketId, String ticketNumber, Long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticketId.toString());
        if (ticketNumber != null) {
            data.put("ticketNumber", ticketNumber);
        }
        if (version != null) {
            data.put("version", version);
        }
        return data;
    }

    private static Optional<Callback> callback(CallbackType type, UUID ticketId, String number, Instant occurredAt,
                                               Map<String, Object> data) {
        data.put("occurredAt", occurredAt.toString());
        return Optional.of(new Callback(type, ticketId, number, occurredAt, data));
    }
}
