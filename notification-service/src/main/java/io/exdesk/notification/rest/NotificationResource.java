package io.exdesk.notification.rest;

import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.notification.service.DeliveryLog;
import io.exdesk.platform.http.Cursor;
import io.exdesk.platform.http.Page;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log: what was owed to whom, its status and attempts, and a retry for dead deliveries. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class NotificationResource {

    private static final int MAX_LIMIT = 200;
    private static final String CURSOR_KIND = "delivery";

    private final DeliveryLog log;

    public NotificationResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPS, Roles.ADMIN})
    @Operation(summary = "The delivery log", description = "Filter by ticketId, by status (e.g. DEAD), or both; "
            + "at least one is required. Ordered as recorded; page with limit and cursor.")
    public Page<DeliveryView> list(@QueryParam("ticketId") String ticketId, @QueryParam("status") String status,
                                       @QueryParam("limit") @DefaultValue("50") int limit,
                                       @QueryParam("cursor") String cursor) {
        if (ticketId == null && status == null) {
            throw ProblemException.invalid("ticketId", "is required unless status is given");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Cursor after = Cursor.decode(cursor, CURSOR_KIND, 1);
        List<Delivery> found = log.list(ticketId == null ? null : uuid(ticketId), status == null ? null : status(status),
                after == null ? 0 : after.number(0), limit);
        return Page.of(found, limit, delivery -> Cursor.encode(CURSOR_KIND, delivery.seq), DeliveryView::of);
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPS})
    @Operation(summary = "Retry a dead delivery", description = "Puts it back in line with a fresh attempt budget; "
            + "409 unless it is DEAD.")
    public DeliveryView retry(@PathParam("id") String id) {
        return DeliveryView.of(log.retry(uuid(id)));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "is not a UUID: " + value);
        }
    }

    private static DeliveryStatus status(String value) {
        try {
            return DeliveryStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "is one of PENDING, SENT, DEAD");
        }
    }
}
