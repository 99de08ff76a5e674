package io.exdesk.console.rest;

import io.exdesk.console.config.ConsoleConfig;
import io.exdesk.console.domain.SignedIn;
import io.exdesk.console.service.SignInService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The session cookie and who may see a page. The cookie holds only a random session id: HttpOnly (no script
 * reads it), SameSite=Strict (no other site's page sends it), Secure outside local runs. No token ever
 * reaches the browser.
 */
@ApplicationScoped
public class Access {

    public static final String SESSION_COOKIE = "exdesk-session";

    private final SignInService signIn;
    private final ConsoleConfig config;

    public Access(SignInService signIn, ConsoleConfig config) {
        this.signIn = signIn;
        this.config = config;
    }

    /** The signed-in person, or a redirect to the sign-in page. */
    public SignedIn person(String sessionId) {
        return signIn.session(sessionId).orElseThrow(() ->
                new WebApplicationException(Response.seeOther(URI.create("/sign-in")).build()));
    }

    /** A supervisor or admin; anyone else gets 403. */
    public SignedIn supervisor(String sessionId) {
        SignedIn person = person(sessionId);
        if (!person.role().supervises()) {
            throw new PageException(403, "supervisor-only");
        }
        return person;
    }

    /** An admin; anyone else gets 403. */
    public SignedIn admin(String sessionId) {
        SignedIn person = person(sessionId);
        if (!person.admin()) {
            throw new PageException(403, "forbidden");
        }
        return person;
    }

    public NewCookie sessionCookie(String sessionId) {
        return cookie(sessionId, (int) config.session().maxAge().toSeconds());
    }

    public NewCookie clearedSessionCookie() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(SESSION_COOKIE).value(value).path("/").httpOnly(true)
                .secure(config.session().secureCookie()).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
