package io.exdesk.ticket.rest;

import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.problem.QueryParams;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.service.CsatReport;
import io.exdesk.ticket.service.CsatService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** CSAT over a period for supervisors: count, average, distribution and the latest low ratings. */
@Path("/api/v1/csat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CSAT")
public class CsatReportResource {

    private final CsatService csat;
    private final Clock clock;

    public CsatReportResource(CsatService csat, Clock clock) {
        this.csat = csat;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "CSAT over a period",
            description = "Ratings submitted in [from, to): count, average (null without ratings), the number of each "
                    + "rating, and the latest low ones (rating 2 or below), newest first, with ticket and comment.")
    public CsatReport report(
            @Parameter(description = "ISO-8601 instant, inclusive; default the start of today (UTC)")
            @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "How many low ratings to list, 0-100")
            @QueryParam("low") @DefaultValue("10") @Min(0) @Max(100) int low) {
        Instant now = clock.instant();
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        start = start != null ? start : LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        end = end != null ? end : now.plusNanos(1);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return csat.report(start, end, low);
    }
}
