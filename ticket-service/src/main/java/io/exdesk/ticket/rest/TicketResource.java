package io.exdesk.ticket.rest;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.http.Cursor;
import io.exdesk.platform.http.Page;
import io.exdesk.platform.idempotency.IdempotentRequests;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.problem.QueryParams;
import io.exdesk.platform.ratelimit.RateLimited;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.service.ChangeTicket;
import io.exdesk.ticket.service.TicketCreations;
import io.exdesk.ticket.service.TicketDetails;
import io.exdesk.ticket.service.TicketFilter;
import io.exdesk.ticket.service.TicketPosition;
import io.exdesk.ticket.service.TicketService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ticket API the exchange platform and agents use. */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@RateLimited
public class TicketResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    /** The kind of the list's cursors: created_at and id of the last ticket shown. */
    private static final String CURSOR = "tickets";

    private final TicketService tickets;
    private final TicketCreations creations;
    private final SecurityIdentity identity;

    public TicketResource(TicketService tickets, TicketCreations creations, SecurityIdentity identity) {
        this.tickets = tickets;
        this.creations = creations;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    @Operation(summary = "Open a ticket", description = "Secrets are redacted and, when category or priority "
            + "are absent, auto-triage sets them. Retry safely with the same Idempotency-Key (kept 24 h).")
    public CompletionStage<Response> create(
            @Parameter(description = "Makes retries safe: same key and body replay the first response")
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull CreateTicketRequest request) {
        // Runs on the event loop: redaction and triage are CPU only, and the write is a group commit.
        return creations.open(request.toCommand(), caller(), idempotencyKey, TicketResource::created);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Get a ticket", description = "The ETag header carries its version for If-Match.")
    public Response get(@PathParam("id") UUID id) {
        TicketView view = TicketView.of(tickets.get(id, caller()));
        return Response.ok(view).tag(etag(view.version())).build();
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "List tickets", description = "Newest first; pass nextCursor as cursor for the next page.")
    public Page<TicketView> list(
            @QueryParam("status") String status,
            @QueryParam("priority") String priority,
            @QueryParam("category") String category,
            @QueryParam("assignee") String assignee,
            @QueryParam("customer") String customer,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("createdTo") String createdTo,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") String cursor) {
        TicketFilter filter = new TicketFilter(
                QueryParams.enumValue("status", status, TicketStatus.class),
                QueryParams.enumValue("priority", priority, Priority.class),
                QueryParams.enumValue("category", category, Category.class),
                blankToNull(assignee), blankToNull(customer),
                QueryParams.instant("createdFrom", createdFrom),
                QueryParams.instant("createdTo", createdTo));
        Cursor after = Cursor.decode(cursor, CURSOR, 2);
        TicketPosition position = after == null ? null : new TicketPosition(after.instant(0), after.uuid(1));
        return Page.of(tickets.list(filter, position, limit + 1, caller()), limit,
                row -> Cursor.encode(CURSOR, row.ticket().createdAt, row.ticket().id), TicketView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Change priority and/or status",
            description = "Status moves through a state machine (illegal moves are 409). Send If-Match with the ETag "
                    + "to avoid overwriting a concurrent change (412).")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull UpdateTicketRequest request) {
        TicketDetails changed = tickets.change(new ChangeTicket(id, request.priority(), request.status(), ifMatch),
                caller());
        return Response.ok(TicketView.of(changed)).tag(etag(changed.ticket().version)).build();
    }

    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Add an agent reply")
    public Response agentReply(@PathParam("id") UUID id, @Valid @NotNull ReplyRequest request) {
        return Response.status(201).entity(MessageView.of(tickets.agentReply(id, request.body(), caller()))).build();
    }

    @POST
    @Path("/{id}/customer-replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    @Operation(summary = "Add a customer reply", description = "Resumes a ticket waiting on the customer and "
            + "reopens a resolved one.")
    public Response customerReply(@PathParam("id") UUID id, @Valid @NotNull ReplyRequest request) {
        return Response.status(201).entity(MessageView.of(tickets.customerReply(id, request.body(), caller()))).build();
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The replies on a ticket, oldest first")
    public List<MessageView> messages(@PathParam("id") UUID id) {
        return tickets.messages(id, caller()).stream().map(MessageView::of).toList();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The audit trail: who changed what, when")
    public List<HistoryEntryView> history(@PathParam("id") UUID id) {
        return tickets.history(id, caller()).stream().map(HistoryEntryView::of).toList();
    }

    /**
     * The 201 of a new ticket; it has no SLA clocks yet, so none are looked up. An erasure stores it again,
     * from the erased ticket, for the retries of the creation.
     */
    static Outcome created(Ticket ticket) {
        return new Outcome(201, "/api/v1/tickets/" + ticket.id, TicketView.of(ticket, List.of()));
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static jakarta.ws.rs.core.EntityTag etag(long version) {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(version));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
