package io.exdesk.notification.domain;

/**
 * The situations that owe notifications. Each has its templates ({@code templates/notifications/<name>.<language>.txt})
 * and its configured targets ({@code notification.rules.<name>}).
 */
public enum Rule {
    TICKET_ASSIGNED("ticket-assigned"),
    /** Any {@code sla-warning}: the assignee is told. */
    SLA_WARNING("sla-warning"),
    /** An {@code sla-warning} at or above the escalation level: the supervisor is told too. */
    SLA_ESCALATION("sla-escalation"),
    SLA_BREACHED("sla-breached"),
    /** A {@code ticket-created} of a VIP customer. */
    VIP_TICKET_CREATED("vip-ticket-created"),
    /**
     * A {@code ticket-created}, or a {@code customer-replied}, whose text had secrets redacted: the customer
     * gets the scam warning.
     */
    SECRETS_REDACTED("secrets-redacted");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
