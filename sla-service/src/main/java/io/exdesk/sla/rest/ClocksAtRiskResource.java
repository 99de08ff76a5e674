package io.exdesk.sla.rest;

import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.problem.QueryParams;
import io.exdesk.platform.security.Roles;
import io.exdesk.sla.service.ClocksAtRisk;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tickets at risk and the day's breaches, for supervisors (the console's supervisor page) and ops. */
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA clocks")
public class ClocksAtRiskResource {

    private final ClocksAtRisk clocks;

    public ClocksAtRiskResource(ClocksAtRisk clocks) {
        this.clocks = clocks;
    }

    @GET
    @Path("/at-risk")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.OPS})
    @Operation(summary = "Open clocks past their first warning or breached, nearest due first")
    public List<ClocksAtRisk.Row> atRisk(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return clocks.atRisk(limit);
    }

    @GET
    @Path("/breaches")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.OPS})
    @Operation(summary = "Clocks breached with a due time at or after 'since', latest first")
    public List<ClocksAtRisk.Row> breaches(@QueryParam("since") String since,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        if (since == null) {
            throw ProblemException.invalid("since", "must be an ISO-8601 instant");
        }
        return clocks.breachedSince(QueryParams.instant("since", since), limit);
    }
}
