package io.exdesk.ticket.rest;

import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.service.TicketService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's right to erasure: removes their personal data from every ticket. */
@Path("/api/v1/customers/{customerId}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personal data")
public class CustomerErasureResource {

    /** What an erasure did. */
    public record ErasureResult(String customerId, int ticketsErased) {
    }

    private final TicketService tickets;
    private final SecurityIdentity identity;

    public CustomerErasureResource(TicketService tickets, SecurityIdentity identity) {
        this.tickets = tickets;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Erase a customer's personal data", description = "Idempotent: erasing again finds nothing.")
    public ErasureResult erase(@PathParam("customerId") String customerId) {
        return new ErasureResult(customerId, tickets.eraseCustomer(customerId, Caller.of(identity)));
    }
}
