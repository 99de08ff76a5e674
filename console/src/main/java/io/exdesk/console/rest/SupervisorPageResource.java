package io.exdesk.console.rest;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor's page: the queue in drain order, tickets at risk, agents' load, breaches and customer satisfaction
 * (CSAT) of the day, reassignment.
 */
@Path("/supervisor")
@Produces(MediaType.TEXT_HTML)
public class SupervisorPageResource {

    private final Access access;
    private final ConsoleApi api;
    private final Clock clock;

    public SupervisorPageResource(Access access, ConsoleApi api, Clock clock) {
        this.access = access;
        this.api = api;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@CookieParam(Access.SESSION_COOKIE) String session, @QueryParam("done") String done,
                                 @Context HttpHeaders headers) {
        SignedIn me = access.supervisor(session);
        // The services' answers at once: the page costs the slowest of them, not their sum.
        CompletableFuture<List<Views.RoutedTicket>> queue = api.queue(me);
        CompletableFuture<List<Views.ClockAtRisk>> atRisk = api.atRisk(me);
        CompletableFuture<Views.Page<Views.Agent>> agents = api.agents(me);
        Instant today = LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant();
        CompletableFuture<List<Views.ClockAtRisk>> breaches = api.breachesSince(me, today);
        CompletableFuture<Views.CsatReport> csat = api.csatSince(me, today);
        return Render.page(Pages.supervisor(ServiceClient.join(queue), ServiceClient.join(atRisk),
                ServiceClient.join(agents).items(), ServiceClient.join(breaches), ServiceClient.join(csat),
                done == null ? "" : done), headers, me);
    }

    @POST
    @Path("reassign")
    public Response reassign(@CookieParam(Access.SESSION_COOKIE) String session, @FormParam("ticketId") String ticketId,
                             @FormParam("agentId") String agentId) {
        SignedIn me = access.supervisor(session);
        UUID id;
        try {
            id = UUID.fromString(ticketId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PageException(400, "bad-request");
        }
        if (agentId == null || agentId.isBlank()) {
            throw new PageException(400, "bad-request");
        }
        api.reassign(me, id, agentId);
        return Response.seeOther(URI.create("/supervisor?done=reassigned")).build();
    }
}
