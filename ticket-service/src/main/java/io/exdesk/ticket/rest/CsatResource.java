package io.exdesk.ticket.rest;

import io.exdesk.platform.idempotency.IdempotentRequests;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.ratelimit.RateLimited;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.service.CsatRating;
import io.exdesk.ticket.service.CsatService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A ticket's customer satisfaction (CSAT) rating: submitted once by the platform, read by whoever sees the ticket. */
@Path("/api/v1/tickets/{id}/csat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CSAT")
@RateLimited
public class CsatResource {

    private final CsatService csat;
    private final IdempotentRequests idempotency;
    private final SecurityIdentity identity;

    public CsatResource(CsatService csat, IdempotentRequests idempotency, SecurityIdentity identity) {
        this.csat = csat;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    /** What an Idempotency-Key's hash covers: the ticket as well as the body, so one key cannot rate two tickets. */
    record KeyedSubmission(UUID ticketId, CsatRequest request) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    @Operation(summary = "Submit the customer's rating of a resolved ticket",
            description = "Once per ticket, for a RESOLVED or CLOSED ticket (409 otherwise): 201 with the stored "
                    + "rating; the same rating and comment again is 200 with it, a different one 409. The comment is "
                    + "redacted like a reply. Retry safely with the same Idempotency-Key (kept 24 h).")
    public Response submit(@PathParam("id") UUID id,
                           @Parameter(description = "Makes retries safe: same key and body replay the first response")
                           @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                           @Valid @NotNull CsatRequest request) {
        Caller caller = Caller.of(identity);
        return idempotency.execute(caller.id(), idempotencyKey, new KeyedSubmission(id, request), () -> {
            CsatService.Submitted submitted = csat.submit(id, request.rating(), request.comment(), caller);
            return new Outcome(submitted.created() ? 201 : 200, CsatService.location(id), submitted.rating());
        });
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The ticket's CSAT rating", description = "404 while it has none.")
    public CsatRating get(@PathParam("id") UUID id) {
        return csat.get(id, Caller.of(identity));
    }
}
