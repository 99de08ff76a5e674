package io.exdesk.sla.rest;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.sla.domain.SlaPolicy;
import io.exdesk.sla.service.SlaPolicyChange;
import io.exdesk.sla.service.SlaPolicyService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SLA policies per priority and customer tier: read by anyone signed in, changed by admins. */
@Path("/api/v1/sla/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA policies")
public class SlaPolicyResource {

    private final SlaPolicyService policies;
    private final SecurityIdentity identity;

    public SlaPolicyResource(SlaPolicyService policies, SecurityIdentity identity) {
        this.policies = policies;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.OPS, Roles.AGENT, Roles.PLATFORM})
    @Operation(summary = "The policies in force")
    public List<SlaPolicyView> list() {
        return policies.current().stream().map(this::view).toList();
    }

    @GET
    @Path("/{priority}/{tier}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.OPS, Roles.AGENT, Roles.PLATFORM})
    @Operation(summary = "One policy; its ETag is its version")
    public Response get(@PathParam("priority") String priority, @PathParam("tier") String tier) {
        SlaPolicy policy = policies.current(priority(priority, tier), tier(priority, tier));
        return Response.ok(view(policy)).tag(new EntityTag(Integer.toString(policy.key.version()))).build();
    }

    @PUT
    @Path("/{priority}/{tier}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a policy", description = "Stores a new version and publishes it on sla-policies. "
            + "Send If-Match with the ETag to avoid overwriting a concurrent change (412).")
    public Response update(@PathParam("priority") String priority, @PathParam("tier") String tier,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull SlaPolicyRequest request) {
        SlaPolicy policy = policies.update(priority(priority, tier), tier(priority, tier), request.toChange(), ifMatch,
                Caller.of(identity).id());
        return Response.ok(view(policy)).tag(new EntityTag(Integer.toString(policy.key.version()))).build();
    }

    private SlaPolicyView view(SlaPolicy p) {
        return new SlaPolicyView(p.key.priority(), p.key.customerTier(), p.key.version(), p.firstResponse().toString(),
                p.firstResponseSeconds, p.resolution().toString(), p.resolutionSeconds, p.fractions(),
                policies.calendarOf(p), p.createdAt, p.createdBy);
    }

    private static Priority priority(String priority, String tier) {
        try {
            return Priority.valueOf(priority);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("SLA policy", priority + "/" + tier);
        }
    }

    private static CustomerTier tier(String priority, String tier) {
        try {
            return CustomerTier.valueOf(tier);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("SLA policy", priority + "/" + tier);
        }
    }
}
