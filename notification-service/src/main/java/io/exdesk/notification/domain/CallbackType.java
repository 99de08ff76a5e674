package io.exdesk.notification.domain;

import java.util.Arrays;
import java.util.List;

/**
 * What the exchange platform can be called back about. The name is what a subscription lists; the
 * CloudEvents {@code type} is {@code io.exdesk.ticket.<name>}.
 */
public enum CallbackType {
    /** An agent posted a public reply (from {@code ticket-responded}). */
    AGENT_REPLIED("agent-replied"),
    /** The ticket moved in its lifecycle (from {@code status-changed}). */
    STATUS_CHANGED("status-changed"),
    /** The ticket was given to an agent, named only by tier (from {@code ticket-assigned}). */
    ASSIGNED("assigned"),
    /** An SLA target passed (from {@code sla-breached}). */
    SLA_BREACHED("sla-breached"),
    /** Intake removed secrets the customer pasted: warn them about scams (from {@code ticket-created}). */
    SCAM_WARNING("scam-warning"),
    /** The customer rated the resolved ticket (from {@code csat-submitted}): the rating, never the comment. */
    CSAT_SUBMITTED("csat-submitted");

    public static final String CE_TYPE_PREFIX = "io.exdesk.ticket.";

    private final String typeName;

    CallbackType(String typeName) {
        this.typeName = typeName;
    }

    public String typeName() {
        return typeName;
    }

    public String ceType() {
        return CE_TYPE_PREFIX + typeName;
    }

    /** The type of a name, or null if there is none. */
    public static CallbackType find(String name) {
        return Arrays.stream(values()).filter(type -> type.typeName.equals(name)).findFirst().orElse(null);
    }

    static CallbackType ofName(String name) {
        CallbackType type = find(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown callback type " + name);
        }
        return type;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(CallbackType::typeName).toList();
    }
}
