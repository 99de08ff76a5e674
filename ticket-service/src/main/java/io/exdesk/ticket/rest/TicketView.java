package io.exdesk.ticket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.exdesk.events.TicketStatus;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketSla;
import io.exdesk.ticket.service.TicketDetails;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A ticket as the API shows it, with its SLA state as sla-service last reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketView(
        UUID id,
        String number,
        long version,
        TicketStatus status,
        Priority priority,
        Category category,
        Channel channel,
        Customer customer,
        String subject,
        String description,
        Crypto crypto,
        String externalReference,
        String assigneeId,
        boolean secretsRedacted,
        Triage triage,
        Instant expectedFirstResponseAt,
        Map<SlaClock, Sla> sla,
        Instant firstRespondedAt,
        Instant resolvedAt,
        Instant erasedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The customer, with contact details unless erased. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Customer(String id, CustomerTier tier, String language, Contact contact) {
    }

    /** Contact details. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String name, String email, String phone) {
    }

    /** The transaction the ticket is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Crypto(String asset, String network, String txId, BigDecimal amount) {
    }

    /** Which of category and priority auto-triage chose (rather than the caller). */
    public record Triage(boolean category, boolean priority) {
    }

    /** One SLA clock. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sla(Instant dueAt, TicketSla.State state, int warningLevel) {
    }

    public static TicketView of(TicketDetails details) {
        return of(details.ticket(), details.slaClocks());
    }

    public static TicketView of(Ticket t, List<TicketSla> clocks) {
        Contact contact = t.contactName == null && t.contactEmail == null && t.contactPhone == null
                ? null : new Contact(t.contactName, t.contactEmail, t.contactPhone);
        Crypto crypto = t.cryptoAsset == null && t.cryptoNetwork == null && t.cryptoTxId == null && t.cryptoAmount == null
                ? null : new Crypto(t.cryptoAsset, t.cryptoNetwork, t.cryptoTxId, t.cryptoAmount);
        Map<SlaClock, Sla> sla = clocks.isEmpty() ? null : clocks.stream().collect(Collectors.toMap(
                c -> c.key.clock(), c -> new Sla(c.dueAt, c.state, c.warningLevel)));
        return new TicketView(t.id, t.number, t.version, t.status, t.priority, t.category, t.channel,
                new Customer(t.customerId, t.customerTier, t.customerLanguage, contact),
                t.subject, t.description, crypto, t.externalReference, t.assigneeId, t.secretsRedacted,
                new Triage(t.categoryTriaged, t.priorityTriaged), t.expectedFirstResponseAt, sla,
                t.firstRespondedAt, t.resolvedAt, t.erasedAt, t.createdAt, t.updatedAt);
    }
}
