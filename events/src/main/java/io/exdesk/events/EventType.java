package io.exdesk.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of event types: {@code ce_type}, topic, payload class and JSON Schema of each. */
public enum EventType {

    TICKET_CREATED("ticket-created", Topics.TICKET_EVENTS, TicketCreated.class),
    PRIORITY_CHANGED("priority-changed", Topics.TICKET_EVENTS, PriorityChanged.class),
    STATUS_CHANGED("status-changed", Topics.TICKET_EVENTS, StatusChanged.class),
    TICKET_RESPONDED("ticket-responded", Topics.TICKET_EVENTS, TicketResponded.class),
    CUSTOMER_REPLIED("customer-replied", Topics.TICKET_EVENTS, CustomerReplied.class),
    TICKET_ERASED("ticket-erased", Topics.TICKET_EVENTS, TicketErased.class),
    CSAT_SUBMITTED("csat-submitted", Topics.TICKET_EVENTS, CsatSubmitted.class),
    EMAIL_REPLY("email-reply", Topics.EMAIL_REPLIES, EmailReply.class),
    TICKET_ASSIGNED("ticket-assigned", Topics.ASSIGNMENT_EVENTS, TicketAssigned.class),
    TICKET_QUEUED("ticket-queued", Topics.ASSIGNMENT_EVENTS, TicketQueued.class),
    SLA_SCHEDULED("sla-scheduled", Topics.SLA_EVENTS, SlaScheduled.class),
    SLA_WARNING("sla-warning", Topics.SLA_EVENTS, SlaWarning.class),
    SLA_BREACHED("sla-breached", Topics.SLA_EVENTS, SlaBreached.class),
    SLA_MET("sla-met", Topics.SLA_EVENTS, SlaMet.class),
    SLA_POLICY("sla-policy", Topics.SLA_POLICIES, SlaPolicyUpdated.class),
    CUSTOMER_ERASED("customer-erased", Topics.CUSTOMER_ERASURES, CustomerErased.class),
    ERASURE_CONFIRMED("erasure-confirmed", Topics.ERASURE_CONFIRMATIONS, ErasureConfirmed.class),
    AGENT_PROFILE("agent-profile", Topics.AGENT_PROFILES, AgentProfileUpdated.class),
    AGENT_REMOVED("agent-removed", Topics.AGENT_PROFILES, AgentRemoved.class);

    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    // Records are final, so the exact runtime class identifies the type.
    private static final Map<Class<?>, EventType> BY_PAYLOAD_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends ExDeskEvent> payloadType;

    EventType(String ceType, String topic, Class<? extends ExDeskEvent> payloadType) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code ticket-created}. */
    public String ceType() {
        return ceType;
    }

    /** The topic every event of this type is published to. */
    public String topic() {
        return topic;
    }

    /** The record class to deserialise the JSON payload into. */
    public Class<? extends ExDeskEvent> payloadType() {
        return payloadType;
    }

    /** Classpath resource of this type's JSON Schema, e.g. {@code /schemas/ticket-created.json}. */
    public String schemaPath() {
        return "/schemas/" + ceType + ".json";
    }

    /** The type with this {@code ce_type}; throws {@link IllegalArgumentException} when there is none. */
    public static EventType fromCeType(String ceType) {
        return find(ceType).orElseThrow(() -> new IllegalArgumentException(
                "unknown ExDesk event type (ce_type): '" + ceType + "'; known: " + BY_CE_TYPE.keySet()));
    }

    /** The type with this {@code ce_type}, if known; for tolerant consumers that skip types newer than they are. */
    public static Optional<EventType> find(String ceType) {
        return ceType == null ? Optional.empty() : Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** The type of a payload. */
    public static EventType of(ExDeskEvent event) {
        EventType type = BY_PAYLOAD_TYPE.get(event.getClass());
        if (type == null) {
            // Only reachable if a payload record was added without a catalogue entry.
            throw new IllegalStateException("no EventType for payload " + event.getClass().getName());
        }
        return type;
    }
}
