package io.exdesk.notification.rest;

import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.notification.service.CallbackSubscriptions;
import io.exdesk.platform.http.Cursor;
import io.exdesk.platform.http.Page;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Callbacks to the exchange platform: its subscriptions (URL, callback types, secret), secret rotation,
 * the delivery log of a subscription, and replay. Roles {@code platform} (its own subscriptions) and
 * {@code admin} (all).
 */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM, Roles.ADMIN})
@Tag(name = "Callbacks")
public class CallbackResource {

    private static final int MAX_LIMIT = 200;
    private static final String CURSOR_KIND = "callback";

    private final CallbackSubscriptions subscriptions;
    private final SecurityIdentity identity;

    public CallbackResource(CallbackSubscriptions subscriptions, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.identity = identity;
    }

    @POST
    @Path("/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to callbacks", description = "The answer carries the signing secret; it is "
            + "shown this once.")
    public Response create(CallbackSubscriptionRequest request) {
        CallbackSubscriptionRequest body = request == null ? new CallbackSubscriptionRequest(null, null) : request;
        CallbackSubscriptions.WithSecret created = subscriptions.create(caller(), body.url(), body.eventTypes());
        return Response.created(URI.create("/api/v1/callbacks/subscriptions/" + created.subscription().id))
                .entity(CallbackSubscriptionView.of(created.subscription(), created.secret())).build();
    }

    @GET
    @Path("/subscriptions")
    @Operation(summary = "The caller's subscriptions (an admin's: all)")
    public List<CallbackSubscriptionView> list() {
        return subscriptions.list(caller()).stream().map(s -> CallbackSubscriptionView.of(s, null)).toList();
    }

    @GET
    @Path("/subscriptions/{id}")
    @Operation(summary = "A subscription, without its secret")
    public CallbackSubscriptionView get(@PathParam("id") String id) {
        return CallbackSubscriptionView.of(subscriptions.get(caller(), uuid(id)), null);
    }

    @PUT
    @Path("/subscriptions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the URL or the callback types", description = "Callbacks still owed go to the new URL.")
    public CallbackSubscriptionView update(@PathParam("id") String id, CallbackSubscriptionRequest request) {
        CallbackSubscriptionRequest body = request == null ? new CallbackSubscriptionRequest(null, null) : request;
        return CallbackSubscriptionView.of(subscriptions.update(caller(), uuid(id), body.url(), body.eventTypes()), null);
    }

    @DELETE
    @Path("/subscriptions/{id}")
    @Operation(summary = "Unsubscribe", description = "Callbacks still owed are dead-lettered.")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(caller(), uuid(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/subscriptions/{id}/secret/rotate")
    @Operation(summary = "Rotate the signing secret", description = "Returns the new secret once; the old one "
            + "keeps signing next to it for previousValidFor (ISO-8601, default PT24H, at most P7D).")
    public CallbackSubscriptionView rotate(@PathParam("id") String id, @QueryParam("previousValidFor") String previousValidFor) {
        CallbackSubscriptions.WithSecret rotated = subscriptions.rotate(caller(), uuid(id), duration(previousValidFor));
        return CallbackSubscriptionView.of(rotated.subscription(), rotated.secret());
    }

    @DELETE
    @Path("/subscriptions/{id}/secret/previous")
    @Operation(summary = "Retire the previous secret now", description = "Ends a rotation: only the new secret signs.")
    public CallbackSubscriptionView retirePrevious(@PathParam("id") String id) {
        return CallbackSubscriptionView.of(subscriptions.retirePreviousSecret(caller(), uuid(id)), null);
    }

    @POST
    @Path("/subscriptions/{id}/replay")
    @Operation(summary = "Send again what was recorded since an instant", description = "Every sent or dead "
            + "callback recorded at or after since goes again, with its original ce-id, in order per ticket.")
    public Response replay(@PathParam("id") String id, @QueryParam("since") String since) {
        if (since == null) {
            throw ProblemException.invalid("since", "is required (an ISO-8601 instant)");
        }
        int replayed = subscriptions.replay(caller(), uuid(id), instant(since));
        return Response.accepted(Map.of("replayed", replayed)).build();
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "A subscription's delivery log", description = "Callbacks in recorded order, optionally "
            + "since an instant and of one status; page with limit and cursor.")
    public Page<CallbackDeliveryView> deliveries(@QueryParam("subscription") String subscription,
                                                 @QueryParam("since") String since,
                                                 @QueryParam("status") String status,
                                                 @QueryParam("limit") @DefaultValue("50") int limit,
                                                 @QueryParam("cursor") String cursor) {
        if (subscription == null) {
            throw ProblemException.invalid("subscription", "is required");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        UUID id = uuid("subscription", subscription);
        Instant from = since == null ? null : instant(since);
        DeliveryStatus wanted = status == null ? null : status(status);
        Cursor after = Cursor.decode(cursor, CURSOR_KIND, 1);
        List<Delivery> found = subscriptions.deliveries(caller(), id, from, wanted, after == null ? 0 : after.number(0), limit);
        return Page.of(found, limit, delivery -> Cursor.encode(CURSOR_KIND, delivery.seq), CallbackDeliveryView::of);
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static UUID uuid(String value) {
        return uuid("id", value);
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "is not a UUID");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("since", "is not an ISO-8601 instant (e.g. 2026-12-01T10:00:00Z)");
        }
    }

    private static Duration duration(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("previousValidFor", "is not an ISO-8601 duration (e.g. PT24H)");
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
