package io.exdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue, topics and shared vocabulary match DESIGN.md §2 and §3. */
class CatalogueTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void topicIsOneOfTheContractsAndSchemaExists(EventType type) {
        assertThat(type.topic()).isIn(Topics.all());
        assertThat(type.schemaPath()).isEqualTo("/schemas/" + type.ceType() + ".json");
        assertThat(CatalogueTest.class.getResource(type.schemaPath())).as(type.schemaPath()).isNotNull();
        assertThat(EventType.fromCeType(type.ceType())).isSameAs(type);
    }

    @Test
    void catalogueIsTheDesignedOne() {
        assertThat(Arrays.stream(EventType.values())
                .collect(Collectors.groupingBy(EventType::topic, Collectors.mapping(EventType::ceType, Collectors.toList()))))
                .containsOnly(
                        org.assertj.core.api.Assertions.entry("ticket-events", List.of("ticket-created",
                                "priority-changed", "status-changed", "ticket-responded", "customer-replied",
                                "ticket-erased", "csat-submitted")),
                        org.assertj.core.api.Assertions.entry("assignment-events",
                                List.of("ticket-assigned", "ticket-queued")),
                        org.assertj.core.api.Assertions.entry("sla-events",
                                List.of("sla-scheduled", "sla-warning", "sla-breached", "sla-met")),
                        org.assertj.core.api.Assertions.entry("sla-policies", List.of("sla-policy")),
                        org.assertj.core.api.Assertions.entry("customer-erasures", List.of("customer-erased")),
                        org.assertj.core.api.Assertions.entry("erasure-confirmations", List.of("erasure-confirmed")),
                        org.assertj.core.api.Assertions.entry("agent-profiles", List.of("agent-profile", "agent-removed")),
                        org.assertj.core.api.Assertions.entry("email-replies", List.of("email-reply")));
    }

    @Test
    void payloadTypesAreDistinctAndTicketEventsCarryTheVersion() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::payloadType)).doesNotHaveDuplicates();
        for (EventType type : EventType.values()) {
            boolean onTicketTopic = type.topic().equals(Topics.TICKET_EVENTS);
            assertThat(TicketEvent.class.isAssignableFrom(type.payloadType())).as(type.name()).isEqualTo(onTicketTopic);
            boolean aboutACustomer = type == EventType.CUSTOMER_ERASED || type == EventType.ERASURE_CONFIRMED;
            boolean aboutAnAgent = type.topic().equals(Topics.AGENT_PROFILES);
            assertThat(TicketScopedEvent.class.isAssignableFrom(type.payloadType())).as(type.name())
                    .isEqualTo(type != EventType.SLA_POLICY && !aboutACustomer && !aboutAnAgent);
            assertThat(AgentDirectoryEvent.class.isAssignableFrom(type.payloadType())).as(type.name())
                    .isEqualTo(aboutAnAgent);
        }
    }

    @Test
    void unknownCeTypeIsRejectedClearly() {
        assertThatThrownBy(() -> EventType.fromCeType("ticket-deleted"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ticket-deleted'")
                .hasMessageContaining("ticket-created");
        assertThatThrownBy(() -> EventType.fromCeType(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsAndDeadLetters() {
        assertThat(Topics.all()).containsExactly("ticket-events", "assignment-events", "sla-events", "sla-policies",
                "customer-erasures", "erasure-confirmations", "agent-profiles", "email-replies");
        assertThat(Topics.deadLetter(Topics.SLA_EVENTS)).isEqualTo("sla-events.dlq");
        assertThatThrownBy(() -> Topics.deadLetter(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharedVocabularyIsExactlyTheDesignedOne() {
        assertThat(names(Priority.values())).containsExactly("URGENT", "HIGH", "NORMAL", "LOW");
        assertThat(names(Category.values())).containsExactly("ACCOUNT_ACCESS", "DEPOSIT", "WITHDRAWAL", "TRADING",
                "SECURITY", "KYC", "RATES_FEES", "COMPLAINT", "GENERAL");
        assertThat(names(Channel.values())).containsExactly("CHAT", "EMAIL", "PHONE", "SOCIAL", "WEB", "API");
        assertThat(names(CustomerTier.values())).containsExactly("STANDARD", "VIP");
        assertThat(names(TicketStatus.values())).containsExactly("NEW", "ASSIGNED", "IN_PROGRESS",
                "PENDING_CUSTOMER", "RESOLVED", "CLOSED");
        assertThat(names(SlaClock.values())).containsExactly("FIRST_RESPONSE", "RESOLUTION");
        assertThat(names(AgentTier.values())).containsExactly("L1", "L2", "SUPERVISOR");
        assertThat(names(AssignmentReason.values())).containsExactly("ROUTED", "ESCALATED", "REASSIGNED",
                "AGENT_UNAVAILABLE");
        assertThat(names(ChatWebhookFormat.values())).containsExactly("SLACK", "SIGNED");
    }

    @Test
    void keysAreTicketIdOrPriorityAndTierOrTheCustomersPseudonym() {
        assertThat(Samples.of(EventType.SLA_WARNING).key()).isEqualTo(Samples.TICKET_ID.toString());
        assertThat(Samples.of(EventType.TICKET_ERASED).key()).isEqualTo(Samples.TICKET_ID.toString());
        assertThat(Samples.of(EventType.CUSTOMER_ERASED).key()).isEqualTo(Samples.PSEUDONYM);
        assertThat(Samples.of(EventType.ERASURE_CONFIRMED).key()).isEqualTo(Samples.PSEUDONYM);
        assertThat(Samples.of(EventType.SLA_POLICY).key()).isEqualTo("URGENT:VIP");
        assertThat(Samples.of(EventType.AGENT_PROFILE).key()).isEqualTo("li.wei");
        assertThat(Samples.of(EventType.AGENT_REMOVED).key()).isEqualTo("li.wei");
        assertThat(SlaPolicyUpdated.keyOf(Priority.LOW, CustomerTier.STANDARD)).isEqualTo("LOW:STANDARD");
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map((Function<Enum<?>, String>) Enum::name).collect(Collectors.toList());
    }
}
