package io.exdesk.console.rest;

import io.exdesk.console.service.ServiceCallException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals as pages in the person's language: the console's own and the services' (with their detail). */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @ServerExceptionMapper
    public Response page(PageException e, HttpHeaders headers) {
        return render(headers, e.status(), e.messageKey(), e.detail());
    }

    @ServerExceptionMapper
    public Response service(ServiceCallException e, HttpHeaders headers) {
        return switch (e.status()) {
            // A ticket that is not the agent's is a 404 in ticket-service, so its existence does not leak.
            case 404 -> render(headers, 404, "not-found", null);
            case 403 -> render(headers, 403, "forbidden", null);
            case 401 -> {
                LOG.errorf("A service refused the console's token (%s): check console.token.* against the services' "
                        + "mp.jwt.verify.* settings", e.detail());
                yield render(headers, 502, "service-unavailable", null);
            }
            default -> {
                if (e.status() >= 500) {
                    LOG.warnf("Service call failed: %s", e.getMessage());
                    yield render(headers, 502, "service-unavailable", null);
                }
                yield render(headers, e.status(), "refused", e.detail());
            }
        };
    }

    private static Response render(HttpHeaders headers, int status, String key, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML)
                .entity(Render.page(Pages.error(status, key, detail), headers, null)).build();
    }
}
