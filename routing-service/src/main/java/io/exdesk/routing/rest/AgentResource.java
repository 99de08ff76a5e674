package io.exdesk.routing.rest;

import io.exdesk.platform.http.Cursor;
import io.exdesk.platform.http.Page;
import io.exdesk.platform.idempotency.IdempotentRequests;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.problem.QueryParams;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.routing.domain.Agent;
import io.exdesk.routing.domain.AgentStatus;
import io.exdesk.routing.domain.RoutedTicket;
import io.exdesk.routing.messaging.AssignmentStream;
import io.exdesk.routing.messaging.AssignmentStreamEvent;
import io.exdesk.routing.service.AgentService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The agent registry (admins and supervisors), an agent's own availability, inbox and live stream. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class AgentResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    /** Cursor kinds: the agent list (after an id) and an inbox (after an assignedAt and ticket id). */
    private static final String AGENTS = "a";
    private static final String INBOX = "i";

    private final AgentService agents;
    private final AssignmentStream stream;
    private final IdempotentRequests idempotency;
    private final SecurityIdentity identity;

    public AgentResource(AgentService agents, AssignmentStream stream, IdempotentRequests idempotency,
                         SecurityIdentity identity) {
        this.agents = agents;
        this.stream = stream;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Register an agent", description = "The id is the agent's token subject. An ONLINE agent "
            + "takes queued tickets at once. email, chatUrl and chatFormat are how notification-service reaches the "
            + "agent (no registration there). Retry safely with the same Idempotency-Key.")
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                           @Valid @NotNull AgentRequest request) {
        return idempotency.execute(caller().id(), idempotencyKey, request, () -> {
            Agent agent = agents.create(request.toCommand());
            return new IdempotentRequests.Outcome(201, "/api/v1/agents/" + agent.id, view(agent));
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "List agents", description = "By id; pass nextCursor as cursor for the next page.")
    public Page<AgentView> list(@QueryParam("team") String team, @QueryParam("status") String status,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                @QueryParam("cursor") String cursor) {
        AgentStatus wanted = QueryParams.enumValue("status", status, AgentStatus.class);
        Cursor after = Cursor.decode(cursor, AGENTS, 1);
        List<Agent> fetched = agents.list(blankToNull(team), wanted, after == null ? null : after.string(0), limit + 1);
        return Page.of(fetched, limit, agent -> Cursor.encode(AGENTS, agent.id), this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "Get an agent", description = "Agents may read only their own record. The ETag is its version.")
    public Response get(@PathParam("id") String id) {
        requireSelfOrLead(id);
        Agent agent = agents.get(id);
        return Response.ok(view(agent)).tag(etag(agent)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Change an agent", description = "Fields present replace the agent's. Send If-Match with "
            + "the ETag to avoid overwriting a concurrent change (412). Capacity below the open tickets is 409.")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull AgentUpdateRequest request) {
        Agent agent = agents.update(id, request.toCommand(), ifMatch);
        return Response.ok(view(agent)).tag(etag(agent)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Remove an agent", description = "Their open tickets go to other agents or the queue "
            + "(AGENT_UNAVAILABLE), and notification-service forgets how to reach them. Optional If-Match (412).")
    public Response remove(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        agents.remove(id, ifMatch);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "Set availability", description = "An agent may set their own. ONLINE takes queued "
            + "tickets; OFFLINE hands open tickets back for re-routing (AGENT_UNAVAILABLE); AWAY keeps them.")
    public Response status(@PathParam("id") String id, @Valid @NotNull StatusRequest request) {
        requireSelfOrLead(id);
        Agent agent = agents.changeStatus(id, request.status());
        return Response.ok(view(agent)).tag(etag(agent)).build();
    }

    @GET
    @Path("/{id}/inbox")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "An agent's open tickets", description = "Newest assignment first; agents read only their own.")
    public Page<RoutedTicketView> inbox(@PathParam("id") String id,
                                        @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                        @QueryParam("cursor") String cursor) {
        requireSelfOrLead(id);
        Cursor after = Cursor.decode(cursor, INBOX, 2);
        List<RoutedTicket> fetched = agents.inbox(id,
                after == null ? null : new AgentService.InboxCursor(after.instant(0), after.uuid(1)), limit + 1);
        return Page.of(fetched, limit, ticket -> Cursor.encode(INBOX, ticket.assignedAt, ticket.ticketId),
                RoutedTicketView::of);
    }

    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking // the agent lookup reads the database: not on the event loop
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "Live stream of an agent's assignments", description = "Server-Sent Events, one JSON "
            + "AssignmentStreamEvent per message, from the moment of connection; agents read only their own.")
    public Multi<AssignmentStreamEvent> stream(@PathParam("id") String id) {
        requireSelfOrLead(id);
        agents.get(id);
        return stream.of(id);
    }

    private void requireSelfOrLead(String id) {
        Caller caller = caller();
        if (!caller.seesAll() && !caller.id().equals(id)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Agents may only use their own record");
        }
    }

    private AgentView view(Agent agent) {
        return AgentView.of(agent, agents.shiftOf(agent));
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static EntityTag etag(Agent agent) {
        return new EntityTag(Long.toString(agent.version));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
