package io.exdesk.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Realistic sample payloads, one per event type. */
final class Samples {

    static final UUID TICKET_ID = UUID.fromString("0f8b6c2e-3d4a-4f7e-9a51-6b2c8d9e1f03");
    static final Instant CREATED_AT = Instant.parse("2026-03-14T02:17:45.123Z");
    static final UUID ERASURE_ID = UUID.fromString("7c1e9a40-52b3-4d8e-b6f1-0a2d3c4e5f61");
    static final String PSEUDONYM = "erased-3f9a1c0d5e7b2a4f6c8d0e1f2a3b4c5d";

    private Samples() {
    }

    /** The sample of {@code type}; the exhaustive switch makes a new type without a sample fail to compile. */
    static ExDeskEvent of(EventType type) {
        return switch (type) {
            case TICKET_CREATED -> new TicketCreated(TICKET_ID, 1, CREATED_AT, "EXD-104233", Priority.URGENT,
                    Category.SECURITY, Channel.CHAT, "zh-CN", "u-88213407", CustomerTier.VIP, "", true, CREATED_AT);
            case PRIORITY_CHANGED -> new PriorityChanged(TICKET_ID, 4, at(600), "EXD-104233", Priority.NORMAL,
                    Priority.HIGH, Category.WITHDRAWAL, CustomerTier.STANDARD, "agent-li.wei");
            case STATUS_CHANGED -> new StatusChanged(TICKET_ID, 5, at(900), "EXD-104233", TicketStatus.IN_PROGRESS,
                    TicketStatus.PENDING_CUSTOMER, Priority.HIGH, CustomerTier.STANDARD, "agent-li.wei");
            case TICKET_RESPONDED -> new TicketResponded(TICKET_ID, 3, at(240), "EXD-104233", "agent-li.wei", true);
            case CUSTOMER_REPLIED -> new CustomerReplied(TICKET_ID, 6, at(1800), "EXD-104233", false, true);
            case TICKET_ERASED -> new TicketErased(TICKET_ID, 9, at(86_400 * 30), PSEUDONYM, ERASURE_ID);
            case CSAT_SUBMITTED -> new CsatSubmitted(TICKET_ID, 11, at(7200), "EXD-104233", 4, true, false,
                    Category.SECURITY, Priority.URGENT, CustomerTier.VIP, "agent-li.wei", AgentTier.L2);
            case EMAIL_REPLY -> new EmailReply(TICKET_ID, 7, at(2400), "EXD-104233",
                    UUID.fromString("5d2b7e91-0c4f-4a8e-9b3d-2f6a1c8e4b70"), "mail:erased-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
                    "zh-CN", "wang.fang@mail.example", "Re: 提现未到账 [#EXD-104233]",
                    "您好，您的提现已在处理中，预计两小时内到账。", "CAK9x2a7@mail.example",
                    List.of("CAK9x1f3@mail.example", "CAK9x2a7@mail.example"));
            case TICKET_ASSIGNED -> new TicketAssigned(TICKET_ID, at(3), "EXD-104233", "agent-li.wei", null,
                    AssignmentReason.ROUTED, AgentTier.L1, "apac-security", Priority.URGENT, Category.SECURITY, "zh-CN");
            case TICKET_QUEUED -> new TicketQueued(TICKET_ID, at(2), "EXD-104233", Priority.URGENT, Category.SECURITY,
                    "zh-CN", CustomerTier.VIP);
            case SLA_SCHEDULED -> new SlaScheduled(TICKET_ID, 1, at(1), SlaClock.FIRST_RESPONSE, CREATED_AT.plusSeconds(150),
                    false, Priority.URGENT, CustomerTier.VIP);
            case SLA_WARNING -> new SlaWarning(TICKET_ID, at(112), SlaClock.FIRST_RESPONSE, 2, 0.75,
                    CREATED_AT.plusSeconds(150), 38, Priority.URGENT, CustomerTier.VIP, "agent-li.wei", "EXD-104233",
                    Category.SECURITY);
            case SLA_BREACHED -> new SlaBreached(TICKET_ID, at(151), SlaClock.FIRST_RESPONSE, CREATED_AT.plusSeconds(150),
                    CREATED_AT.plusSeconds(150), false, Priority.URGENT, CustomerTier.VIP, null, "EXD-104233",
                    Category.SECURITY);
            case SLA_MET -> new SlaMet(TICKET_ID, at(241), SlaClock.RESOLUTION, CREATED_AT.plusSeconds(1800),
                    at(240), 240, Priority.URGENT, CustomerTier.VIP);
            case SLA_POLICY -> new SlaPolicyUpdated(Priority.URGENT, CustomerTier.VIP, 3, 150, 1800,
                    List.of(0.5, 0.75, 0.9), "24x7", Instant.parse("2026-03-01T00:00:00Z"));
            case CUSTOMER_ERASED -> new CustomerErased(PSEUDONYM, ERASURE_ID, List.of(TICKET_ID), at(86_400 * 30));
            case ERASURE_CONFIRMED -> new ErasureConfirmed(PSEUDONYM, ERASURE_ID, TICKET_ID, "notification-service",
                    at(86_400 * 30 + 2));
            case AGENT_PROFILE -> new AgentProfileUpdated("li.wei", 3, "Li Wei", AgentTier.L2, "apac-security",
                    List.of("zh-CN", "en"), "li.wei@support.exchange.test", "https://chat.exchange.test/hooks/li.wei",
                    ChatWebhookFormat.SLACK, Instant.parse("2026-03-01T08:00:00Z"));
            case AGENT_REMOVED -> new AgentRemoved("li.wei", 4, Instant.parse("2026-06-30T17:00:00Z"));
        };
    }

    private static Instant at(long secondsAfterCreation) {
        return CREATED_AT.plusSeconds(secondsAfterCreation);
    }
}
