package io.exdesk.sla.rest;

import io.exdesk.events.SlaClock;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Roles;
import io.exdesk.sla.domain.SlaTicket;
import io.exdesk.sla.domain.TicketClock;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SLA clocks of a ticket: due times and state, as the timers see them. */
@Path("/api/v1/sla/tickets/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA clocks")
public class TicketClocksResource {

    /** One clock. {@code consumedSeconds} is calendar time used up to the last pause or start. */
    public record ClockView(SlaClock clock, TicketClock.State state, Instant dueAt, long targetSeconds,
                            long consumedSeconds, int warningsEmitted, boolean breached, int policyVersion,
                            Instant nextFireAt, Instant startedAt) {
    }

    /** A ticket's clocks. */
    public record TicketClocksView(UUID ticketId, long ticketVersion, String priority, String customerTier,
                                   String status, List<ClockView> clocks) {
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.OPS, Roles.AGENT})
    @Operation(summary = "The SLA clocks of a ticket")
    public TicketClocksView get(@PathParam("id") UUID id) {
        SlaTicket ticket = SlaTicket.findById(id);
        if (ticket == null) {
            throw ProblemException.notFound("Ticket", id);
        }
        List<ClockView> clocks = TicketClock.<TicketClock>list("key.ticketId", Sort.ascending("key.clock"), id).stream()
                .map(c -> new ClockView(c.key.clock(), c.state, c.dueAt, c.targetSeconds, c.consumedMillis / 1000,
                        c.warningsEmitted, c.breached, c.policyVersion, c.nextFireAt, c.startedAt))
                .toList();
        return new TicketClocksView(ticket.ticketId, ticket.version, ticket.priority.name(),
                ticket.customerTier.name(), ticket.status.name(), clocks);
    }
}
