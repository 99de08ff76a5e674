package io.exdesk.platform.demo;

import io.exdesk.events.Priority;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Endpoints that exercise the shared problem mapping and security. */
@Path("/api/v1/demo")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    private final DemoTickets tickets;

    public DemoResource(DemoTickets tickets) {
        this.tickets = tickets;
    }

    /** A request body with the usual kinds of fields. */
    public record DemoRequest(@NotBlank @Size(max = 20) String subject, @NotNull Priority priority,
                              @Max(1000) int amount, @Valid Customer customer) {
    }

    /** A nested object, for field paths. */
    public record Customer(@NotBlank String id) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    public DemoRequest echo(@Valid @NotNull DemoRequest request) {
        return request;
    }

    /** Writes a row and its event: a request that needs the database. */
    @POST
    @Path("/tickets")
    @RolesAllowed(Roles.PLATFORM)
    public String open() {
        return tickets.open("opened over HTTP").ticketId().toString();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM)
    public String get(@PathParam("id") UUID id) {
        throw ProblemException.notFound("Ticket", id);
    }

    @GET
    @Path("/conflict")
    @RolesAllowed(Roles.PLATFORM)
    public String conflict() {
        throw ProblemException.conflict("The ticket changed meanwhile");
    }

    @GET
    @Path("/crash")
    @RolesAllowed(Roles.PLATFORM)
    public String crash() {
        throw new IllegalStateException("secret internal detail at db.internal:5432");
    }

    @GET
    @Path("/admin")
    @RolesAllowed(Roles.ADMIN)
    public String admin() {
        return "ok";
    }
}
