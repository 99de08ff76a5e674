package io.exdesk.console.rest;

import io.exdesk.console.domain.ConsoleRole;
import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.service.AccountAdministration;
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
import jakarta.ws.rs.core.UriBuilder;
import java.util.Locale;
import java.util.Set;

/**
 * Admins only: the console's accounts, and creating one, disabling or enabling it, setting a new password. Every
 * form carries the CSRF token; each change is audited ({@link AccountAdministration}).
 */
@Path("/admin/accounts")
@Produces(MediaType.TEXT_HTML)
public class AdminPageResource {

    /** What the page may be asked to report; anything else in the query is ignored. */
    private static final Set<String> OUTCOMES = Set.of("created", "password-set", "disabled", "enabled", "exists",
            "not-found", "invalid-username", "invalid-name", "invalid-password", "self");

    private final Access access;
    private final AccountAdministration administration;

    public AdminPageResource(Access access, AccountAdministration administration) {
        this.access = access;
        this.administration = administration;
    }

    @GET
    public TemplateInstance page(@CookieParam(Access.SESSION_COOKIE) String session, @QueryParam("done") String done,
                                 @QueryParam("account") String account, @Context HttpHeaders headers) {
        SignedIn me = access.admin(session);
        String outcome = done != null && OUTCOMES.contains(done) ? done : "";
        return Render.page(Pages.admin(administration.accounts(), outcome, outcome.isEmpty() || account == null ? ""
                : account), headers, me);
    }

    @POST
    public Response create(@CookieParam(Access.SESSION_COOKIE) String session, @FormParam("username") String username,
                           @FormParam("displayName") String displayName, @FormParam("role") String role,
                           @FormParam("password") String password) {
        SignedIn me = access.admin(session);
        ConsoleRole parsed;
        try {
            parsed = ConsoleRole.valueOf(role == null ? "" : role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PageException(400, "bad-request");
        }
        return back(administration.create(me, username, displayName, parsed, password), "created", username);
    }

    @POST
    @Path("{username}/password")
    public Response setPassword(@CookieParam(Access.SESSION_COOKIE) String session,
                                @PathParam("username") String username, @FormParam("password") String password) {
        SignedIn me = access.admin(session);
        return back(administration.setPassword(me, username, password), "password-set", username);
    }

    @POST
    @Path("{username}/disable")
    public Response disable(@CookieParam(Access.SESSION_COOKIE) String session, @PathParam("username") String username) {
        SignedIn me = access.admin(session);
        return back(administration.setDisabled(me, username, true), "disabled", username);
    }

    @POST
    @Path("{username}/enable")
    public Response enable(@CookieParam(Access.SESSION_COOKIE) String session, @PathParam("username") String username) {
        SignedIn me = access.admin(session);
        return back(administration.setDisabled(me, username, false), "enabled", username);
    }

    /** Post/redirect/get: the page reports what happened; a refusal changed nothing and is a 303 too. */
    private static Response back(AccountAdministration.Outcome outcome, String done, String username) {
        String reported = outcome == AccountAdministration.Outcome.DONE ? done
                : outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return Response.seeOther(UriBuilder.fromPath("/admin/accounts").queryParam("done", reported)
                .queryParam("account", username == null ? "" : username).build()).build();
    }
}
