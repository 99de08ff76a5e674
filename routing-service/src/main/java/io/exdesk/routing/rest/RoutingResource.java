package io.exdesk.routing.rest;

import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Roles;
import io.exdesk.routing.domain.RoutedTicket;
import io.exdesk.routing.service.RoutingService;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Supervisors' view of routing: the queue, where a ticket is, and manual reassignment. */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class RoutingResource {

    private final RoutingService routing;

    public RoutingResource(RoutingService routing) {
        this.routing = routing;
    }

    @GET
    @Path("/queue")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.OPS})
    @Operation(summary = "Queued tickets in the order they will be assigned", description = "Priority, then age.")
    @Transactional
    public List<RoutedTicketView> queue(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return RoutedTicket.<RoutedTicket>find("state", Sort.ascending("priorityRank", "createdAt", "ticketId"),
                RoutedTicket.State.QUEUED).page(0, limit).list().stream().map(RoutedTicketView::of).toList();
    }

    @GET
    @Path("/tickets/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.OPS})
    @Operation(summary = "A ticket's routing state")
    @Transactional
    public RoutedTicketView ticket(@PathParam("id") UUID id) {
        RoutedTicket ticket = RoutedTicket.findById(id);
        if (ticket == null) {
            throw ProblemException.notFound("Ticket", id);
        }
        return RoutedTicketView.of(ticket);
    }

    @PUT
    @Path("/tickets/{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Reassign a ticket", description = "Emits ticket-assigned with reason REASSIGNED. The agent "
            + "must not be OFFLINE and must have room (409).")
    public RoutedTicketView reassign(@PathParam("id") UUID id, @Valid @NotNull ReassignRequest request) {
        return RoutedTicketView.of(routing.reassign(id, request.agentId().trim()));
    }
}
