package io.exdesk.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CsatSubmitted;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketQueued;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.TicketStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which events become callbacks, and that no agent's id or team and no customer data leave in them (plain JUnit). */
class CallbackPayloadsTest {

    private static final UUID TICKET = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String AGENT = "agent-li.wei";
    private static final String CUSTOMER = "customer-8842";

    @Test
    void eachCallbackTypeCarriesReferencesAndFactsButNoAgentOrCustomer() {
        assertCallback(new TicketResponded(TICKET, 5, AT, "EXD-1", AGENT, false), CallbackType.AGENT_REPLIED)
                .containsEntry("version", 5L).containsEntry("firstResponse", false);
        assertCallback(new StatusChanged(TICKET, 6, AT, "EXD-1", TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED,
                Priority.HIGH, CustomerTier.VIP, AGENT), CallbackType.STATUS_CHANGED)
                .containsEntry("status", "RESOLVED").containsEntry("previousStatus", "IN_PROGRESS")
                .containsEntry("changedBy", "agent");
        assertCallback(new TicketAssigned(TICKET, AT, "EXD-1", AGENT, "agent-previous", AssignmentReason.ESCALATED,
                AgentTier.L2, "team-withdrawals", Priority.URGENT, Category.WITHDRAWAL, "en"), CallbackType.ASSIGNED)
                .containsEntry("agentTier", "L2").containsEntry("reason", "ESCALATED")
                .doesNotContainKeys("agentId", "team", "previousAgentId");
        assertCallback(new SlaBreached(TICKET, AT, SlaClock.RESOLUTION, AT.minusSeconds(60), AT, false, Priority.URGENT,
                CustomerTier.VIP, AGENT, "EXD-1", Category.SECURITY), CallbackType.SLA_BREACHED)
                .containsEntry("clock", "RESOLUTION").containsEntry("breachedAt", AT.toString())
                .doesNotContainKey("assigneeId");
        assertCallback(created(true), CallbackType.SCAM_WARNING)
                .containsEntry("secretsRedacted", true).containsEntry("language", "zh-CN")
                .doesNotContainKeys("customerId", "subject");
        assertCallback(new CsatSubmitted(TICKET, 7, AT, "EXD-1", 2, true, false, Category.WITHDRAWAL, Priority.HIGH,
                CustomerTier.VIP, AGENT, AgentTier.L2), CallbackType.CSAT_SUBMITTED)
                .containsEntry("version", 7L).containsEntry("rating", 2).containsEntry("commented", true)
                .doesNotContainKeys("agentId", "agentTier", "comment", "customerTier");
    }

    @Test
    void whoChangedAStatusIsAKindNotAnId() {
        assertThat(CallbackPayloads.actor("customer")).isEqualTo("customer");
        assertThat(CallbackPayloads.actor("system")).isEqualTo("system");
        assertThat(CallbackPayloads.actor(AGENT)).isEqualTo("agent");
    }

    @Test
    void otherEventsOweNoCallback() {
        assertThat(CallbackPayloads.of(created(false))).isEmpty();
        assertThat(CallbackPayloads.of(new TicketQueued(TICKET, AT, "EXD-1", Priority.LOW, Category.GENERAL, "en",
                CustomerTier.STANDARD))).isEmpty();
    }

    private static org.assertj.core.api.MapAssert<String, Object> assertCallback(ExDeskEvent event, CallbackType type) {
        CallbackPayloads.Callback callback = CallbackPayloads.of(event).orElseThrow();
        assertThat(callback.type()).isEqualTo(type);
        assertThat(callback.ticketId()).isEqualTo(TICKET);
        assertThat(callback.data().toString()).doesNotContain(AGENT).doesNotContain(CUSTOMER).doesNotContain("team-");
        return assertThat(callback.data()).containsEntry("ticketId", TICKET.toString())
                .containsEntry("ticketNumber", "EXD-1").containsEntry("occurredAt", AT.toString());
    }

    private static TicketCreated created(boolean secretsRedacted) {
        return new TicketCreated(TICKET, 1, AT, "EXD-1", Priority.URGENT, Category.SECURITY, Channel.CHAT, "zh-CN",
                CUSTOMER, CustomerTier.STANDARD, "", secretsRedacted, AT);
    }
}
