package io.exdesk.routing;

import static io.exdesk.routing.RoutingFixture.assertReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Escalation on sla-warning (at level 3 by default) and sla-breached, against the real broker and database. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class EscalationTest {

    private final RoutingFixture f = new RoutingFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void warningsEscalateUpTheTiersAndBreachesEndWithASupervisor() {
        String team = f.language + "-team";
        String l1 = f.agent("l1", "team", team);
        String l2 = f.agent("l2", "tier", "L2", "team", team, "status", "OFFLINE");
        // Supervisors do not know GENERAL: they are reached only by the supervisor fallback.
        String supervisor = f.agent("sup", "tier", "SUPERVISOR", "team", team, "skills", List.of("COMPLAINT"));
        String otherTeam = f.agent("sup-other", "tier", "SUPERVISOR", "team", team + "-other",
                "skills", List.of("COMPLAINT"));

        TicketCreated ticket = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL));
        assertThat(f.assigned(ticket).agentId()).isEqualTo(l1);

        // Level 2 is below the escalation level: nothing moves (else the supervisor would have it, l2 being offline).
        warn(ticket, SlaClock.FIRST_RESPONSE, 2);
        f.status(l2, "ONLINE");
        warn(ticket, SlaClock.FIRST_RESPONSE, 3);
        TicketAssigned toL2 = f.assigned(ticket.ticketId(), 2);
        assertReason(toL2, l2, AssignmentReason.ESCALATED);
        assertThat(toL2.previousAgentId()).isEqualTo(l1);
        assertThat(toL2.agentTier()).isEqualTo(AgentTier.L2);

        // No eligible agent above L2: the team's supervisor, not the other team's.
        warn(ticket, SlaClock.RESOLUTION, 3);
        TicketAssigned toSupervisor = f.assigned(ticket.ticketId(), 3);
        assertReason(toSupervisor, supervisor, AssignmentReason.ESCALATED);
        assertThat(toSupervisor.previousAgentId()).isEqualTo(l2);
        assertThat(toSupervisor.team()).isEqualTo(team);
        assertThat(f.openTickets(l1)).isZero();
        assertThat(f.openTickets(l2)).isZero();

        // A breach on a ticket an L1 agent holds: straight to the team supervisor.
        TicketCreated other = f.publish(f.ticket(Priority.HIGH, Category.GENERAL));
        String holder = f.assigned(other).agentId();
        assertThat(holder).isIn(l1, l2);
        f.publisher.publish(new SlaBreached(other.ticketId(), Instant.now(), SlaClock.FIRST_RESPONSE, Instant.now(),
                Instant.now(), false, Priority.HIGH, CustomerTier.STANDARD, holder, other.ticketNumber(), other.category()));
        TicketAssigned breached = f.assigned(other.ticketId(), 2);
        assertReason(breached, supervisor, AssignmentReason.ESCALATED);
        assertThat(breached.previousAgentId()).isEqualTo(holder);

        // A queued ticket at risk goes to a supervisor who speaks its language, the least loaded.
        TicketCreated unroutable = f.publish(f.ticket(Priority.URGENT, Category.KYC));
        f.queued(unroutable);
        warn(unroutable, SlaClock.FIRST_RESPONSE, 3);
        TicketAssigned rescued = f.assigned(unroutable);
        assertReason(rescued, otherTeam, AssignmentReason.ESCALATED);
        assertThat(rescued.previousAgentId()).isNull();
        assertThat(f.openTickets(supervisor)).isEqualTo(2);
        assertThat(f.openTickets(otherTeam)).isEqualTo(1);
    }

    private void warn(TicketCreated ticket, SlaClock clock, int level) {
        f.publisher.publish(new SlaWarning(ticket.ticketId(), Instant.now(), clock, level, 0.25 * level,
                Instant.now().plusSeconds(60), 60, ticket.priority(), ticket.customerTier(), null, ticket.ticketNumber(),
                ticket.category()));
    }
}
