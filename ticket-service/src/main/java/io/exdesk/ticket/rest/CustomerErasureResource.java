package io.exdesk.ticket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.service.CustomerErasures;
import io.exdesk.ticket.service.ErasureRecord;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's right to erasure: one request erases them everywhere ExDesk keeps them, and the record proves it. */
@Path("/api/v1/customers/{customerId}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personal data")
public class CustomerErasureResource {

    /**
     * What a request did, and the customer's erasure record.
     *
     * @param customerId    the id the caller named (not stored: the record knows only the pseudonym)
     * @param ticketsErased by this request (absent from the record alone); 0 when it found nothing new
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErasureView(String customerId, Integer ticketsErased, String customerPseudonym,
                              List<ErasureRecord.Request> requests, boolean complete) {

        static ErasureView of(String customerId, Integer ticketsErased, ErasureRecord record) {
            return new ErasureView(customerId, ticketsErased, record.customerPseudonym(), record.requests(),
                    record.complete());
        }
    }

    private final CustomerErasures erasures;
    private final SecurityIdentity identity;

    public CustomerErasureResource(CustomerErasures erasures, SecurityIdentity identity) {
        this.erasures = erasures;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Erase a customer's personal data everywhere",
            description = "Erases the customer's tickets here and asks every other service to erase what it holds; "
                    + "records who asked, when and which tickets. Repeating it is a no-op unless the customer has "
                    + "tickets not erased yet; either way it answers with the record.")
    public ErasureView erase(@PathParam("customerId") String customerId) {
        CustomerErasures.Result result = erasures.erase(customerId, Caller.of(identity), TicketResource::created);
        return ErasureView.of(customerId, result.ticketsErased(), result.record());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A customer's erasure record",
            description = "Each request with its tickets, and per service whether it has confirmed erasing its part; "
                    + "complete when every service has. 404 if the customer was never erased.")
    public ErasureView record(@PathParam("customerId") String customerId) {
        return erasures.find(customerId).map(record -> ErasureView.of(customerId, null, record))
                .orElseThrow(() -> ProblemException.notFound("Erasure of customer", customerId));
    }
}
