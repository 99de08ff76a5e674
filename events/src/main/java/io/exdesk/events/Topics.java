package io.exdesk.events;

import java.util.List;

/** Kafka topic names of the event contract; one producer per topic (see docs/events.md). */
public final class Topics {

    public static final String TICKET_EVENTS = "ticket-events";
    public static final String ASSIGNMENT_EVENTS = "assignment-events";
    public static final String SLA_EVENTS = "sla-events";
    /** Compacted: the latest record per {@code PRIORITY:TIER} key is the current policy. */
    public static final String SLA_POLICIES = "sla-policies";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The four event topics, in flow order. */
    public static List<String> all() {
        return List.of(TICKET_EVENTS, ASSIGNMENT_EVENTS, SLA_EVENTS, SLA_POLICIES);
    }

    /** The dead-letter topic that receives poison messages consumed from {@code topic}. */
    public static String deadLetter(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }
}
