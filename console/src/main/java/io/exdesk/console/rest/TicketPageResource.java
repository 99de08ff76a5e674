package io.exdesk.console.rest;

import io.exdesk.console.domain.CannedReply;
import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.domain.Views;
import io.exdesk.console.service.ConsoleApi;
import io.exdesk.console.service.ServiceClient;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One ticket: details, SLA clocks, conversation, reply, status and escalation. The console reads and writes
 * it with the person's own token, so ticket-service decides who may: an agent reaches only the tickets
 * routed to them (any other is its 404, shown as "not found or not yours").
 */
@Path("/tickets/{id}")
@Produces(MediaType.TEXT_HTML)
public class TicketPageResource {

    private static final Set<String> STATUSES = Set.of("IN_PROGRESS", "PENDING_CUSTOMER", "RESOLVED", "CLOSED");

    private final Access access;
    private final ConsoleApi api;

    public TicketPageResource(Access access, ConsoleApi api) {
        this.access = access;
        this.api = api;
    }

    @GET
    public TemplateInstance page(@CookieParam(Access.SESSION_COOKIE) String session, @PathParam("id") String id,
                                 @QueryParam("done") String done, @Context HttpHeaders headers) {
        SignedIn me = access.person(session);
        UUID ticketId = ticketId(id);
        CompletableFuture<Views.Ticket> ticket = api.ticket(me, ticketId);
        CompletableFuture<List<Views.Message>> messages = api.messages(me, ticketId);
        Views.Ticket shown = ServiceClient.join(ticket);
        String language = shown.customer() == null ? null : shown.customer().language();
        String draft = shown.secretsRedacted() ? CannedReply.scamWarning(language).text() : "";
        return Render.page(Pages.ticket(shown, ServiceClient.join(messages), CannedReply.forCustomer(language), draft,
                done == null ? "" : done), headers, me);
    }

    @POST
    @Path("reply")
    public Response reply(@CookieParam(Access.SESSION_COOKIE) String session, @PathParam("id") String id,
                          @FormParam("body") String body) {
        SignedIn me = access.person(session);
        if (body == null || body.isBlank()) {
            throw new PageException(400, "empty-reply");
        }
        api.reply(me, ticketId(id), body.strip());
        return back(id, "replied");
    }

    @POST
    @Path("status")
    public Response status(@CookieParam(Access.SESSION_COOKIE) String session, @PathParam("id") String id,
                           @FormParam("status") String status) {
        SignedIn me = access.person(session);
        if (!STATUSES.contains(status)) {
            throw new PageException(400, "bad-status");
        }
        api.changeStatus(me, ticketId(id), status);
        return back(id, "status");
    }

    @POST
    @Path("escalate")
    public Response escalate(@CookieParam(Access.SESSION_COOKIE) String session, @PathParam("id") String id) {
        SignedIn me = access.person(session);
        api.escalate(me, ticketId(id));
        return back(id, "escalated");
    }

    private static Response back(String id, String done) {
        return Response.seeOther(URI.create("/tickets/" + id + "?done=" + done)).build();
    }

    private static UUID ticketId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PageException(404, "not-found");
        }
    }
}
