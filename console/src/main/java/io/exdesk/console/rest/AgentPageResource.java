package io.exdesk.console.rest;

import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.domain.Views;
import io.exdesk.console.service.AssignmentRelay;
import io.exdesk.console.service.ConsoleApi;
import io.exdesk.console.service.ServiceClient;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The agent's own pages: the live inbox and their availability. */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
public class AgentPageResource {

    private static final List<String> STATUSES = List.of("ONLINE", "AWAY", "OFFLINE");

    private final Access access;
    private final ConsoleApi api;
    private final AssignmentRelay relay;

    public AgentPageResource(Access access, ConsoleApi api, AssignmentRelay relay) {
        this.access = access;
        this.api = api;
        this.relay = relay;
    }

    @GET
    public TemplateInstance inbox(@CookieParam(Access.SESSION_COOKIE) String session, @Context HttpHeaders headers) {
        SignedIn me = access.person(session);
        CompletableFuture<Views.Agent> agent = api.agent(me, me.username());
        CompletableFuture<Views.Page<Views.RoutedTicket>> inbox = api.inbox(me);
        return Render.page(Pages.agent(ServiceClient.join(agent), ServiceClient.join(inbox).items()), headers, me);
    }

    /** The inbox rows alone, fetched by the page when the live stream announces a change. */
    @GET
    @Path("inbox")
    public TemplateInstance rows(@CookieParam(Access.SESSION_COOKIE) String session, @Context HttpHeaders headers) {
        SignedIn me = access.person(session);
        return Render.page(Pages.inboxRows(ServiceClient.join(api.inbox(me)).items()), headers, me);
    }

    /** routing-service's live stream of the agent's assignments, relayed with the agent's token kept here. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking // the session lookup reads the database
    public Multi<String> stream(@CookieParam(Access.SESSION_COOKIE) String session) {
        SignedIn me = access.person(session);
        return relay.assignments(me);
    }

    @POST
    @Path("status")
    public Response status(@CookieParam(Access.SESSION_COOKIE) String session, @FormParam("status") String status) {
        SignedIn me = access.person(session);
        if (!STATUSES.contains(status)) {
            throw new PageException(400, "bad-status");
        }
        api.setStatus(me, status);
        return Response.seeOther(URI.create("/agent")).build();
    }
}
