package io.exdesk.events;

import java.util.List;

/**
 * Kafka topic names of the event contract; one producer per topic, except {@link #ERASURE_CONFIRMATIONS}
 * (see docs/events.md).
 */
public final class Topics {

    public static final String TICKET_EVENTS = "ticket-events";
    public static final String ASSIGNMENT_EVENTS = "assignment-events";
    public static final String SLA_EVENTS = "sla-events";
    /** Compacted: the latest record per {@code PRIORITY:TIER} key is the current policy. */
    public static final String SLA_POLICIES = "sla-policies";
    /** Erasure requests of customers (ticket-service), keyed by the customer's pseudonym. */
    public static final String CUSTOMER_ERASURES = "customer-erasures";
    /** Every other service's confirmations of an erasure, keyed by the customer's pseudonym. */
    public static final String ERASURE_CONFIRMATIONS = "erasure-confirmations";

    /**
     * Compacted: the latest record per agent id (routing-service's profile of the agent, or their removal) is
     * what the agent directory holds; staff contact data, see docs/events.md.
     */
    public static final String AGENT_PROFILES = "agent-profiles";

    /**
     * Agents' replies owed to customers by e-mail (ticket-service to notification-service), keyed by ticket id:
     * the customer's address and the reply's text, so only the mailer reads it and it is kept briefly
     * (docs/events.md).
     */
    public static final String EMAIL_REPLIES = "email-replies";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The event topics, in flow order. */
    public static List<String> all() {
        return List.of(TICKET_EVENTS, ASSIGNMENT_EVENTS, SLA_EVENTS, SLA_POLICIES, CUSTOMER_ERASURES,
                ERASURE_CONFIRMATIONS, AGENT_PROFILES, EMAIL_REPLIES);
    }

    /** The dead-letter topic that receives poison messages consumed from {@code topic}. */
    public static String deadLetter(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }
}
