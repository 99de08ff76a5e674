package io.exdesk.ticket.rest;

import io.exdesk.platform.http.Cursor;
import io.exdesk.platform.http.Page;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.service.RetentionRun;
import io.exdesk.ticket.service.TicketRetention;
import io.exdesk.ticket.service.TicketRetention.RetentionRunPosition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit entries of the retention job: what each run erased or anonymised, in counts, never whose. */
@Path("/api/v1/retention/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personal data")
public class RetentionResource {

    /** The kind of the list's cursors: started_at and id of the last run shown. */
    private static final String CURSOR = "retention-runs";

    private final TicketRetention retention;

    public RetentionResource(TicketRetention retention) {
        this.retention = retention;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Runs of the retention job",
            description = "Newest first: when each run started and finished, the closing times before which it "
                    + "erased contact data and anonymised tickets, and how many tickets it changed. "
                    + "Pass nextCursor as cursor for the next page.")
    public Page<RetentionRun> runs(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                   @QueryParam("cursor") String cursor) {
        Cursor after = Cursor.decode(cursor, CURSOR, 2);
        RetentionRunPosition position = after == null ? null : new RetentionRunPosition(after.instant(0), after.uuid(1));
        return Page.of(retention.runs(position, limit + 1), limit,
                run -> Cursor.encode(CURSOR, run.startedAt(), run.id()), run -> run);
    }
}
