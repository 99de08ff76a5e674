package io.exdesk.console.rest;

import io.exdesk.console.service.SignInService;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Sign-in, sign-out, the landing redirect and the language switch. Every POST carries the CSRF token. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final SignInService signIn;
    private final Access access;

    public SignInResource(SignInService signIn, Access access) {
        this.signIn = signIn;
        this.access = access;
    }

    @GET
    public Response home(@CookieParam(Access.SESSION_COOKIE) String session) {
        return signIn.session(session)
                .map(person -> Response.seeOther(URI.create(person.role().supervises() ? "/supervisor" : "/agent")))
                .orElse(Response.seeOther(URI.create("/sign-in"))).build();
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form(@Context HttpHeaders headers) {
        return Render.page(Pages.signIn(null, ""), headers, null);
    }

    @POST
    @Path("sign-in")
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
                           @Context HttpHeaders headers) {
        SignInService.Outcome outcome = signIn.signIn(username, password);
        if (outcome.result() == SignInService.Result.SIGNED_IN) {
            return Response.seeOther(URI.create("/")).cookie(access.sessionCookie(outcome.sessionId())).build();
        }
        String error = outcome.result() == SignInService.Result.LOCKED ? "locked" : "wrong-password";
        return Response.status(401).type(MediaType.TEXT_HTML)
                .entity(Render.page(Pages.signIn(error, username == null ? "" : username), headers, null)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(Access.SESSION_COOKIE) String session) {
        signIn.signOut(session);
        return Response.seeOther(URI.create("/sign-in")).cookie(access.clearedSessionCookie()).build();
    }

    @POST
    @Path("language")
    public Response language(@FormParam("lang") String lang, @FormParam("back") String back) {
        String chosen = Languages.SUPPORTED.contains(lang) ? lang : "en";
        // Only a path of this site: never an open redirect.
        String to = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/";
        NewCookie cookie = new NewCookie.Builder(Languages.COOKIE).value(chosen).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge(365 * 24 * 3600).build();
        return Response.seeOther(URI.create(to)).cookie(cookie).build();
    }
}
