package io.exdesk.notification.rest;

import io.exdesk.notification.domain.ContactKind;
import io.exdesk.notification.service.ContactDirectory;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The contact directory: where notifications to agents and customers go. Agents are registered, contact details
 * included, in routing-service, whose directory reaches this service as events: their entries are read-only
 * here. Customers' entries are kept here, by the exchange platform.
 */
@Path("/api/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
public class ContactResource {

    private final ContactDirectory directory;

    public ContactResource(ContactDirectory directory) {
        this.directory = directory;
    }

    @PUT
    @Path("/customers/{customerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM, Roles.ADMIN})
    @Operation(summary = "Create or replace a customer's contact", description = "Where security notices go; "
            + "deleted when the customer's data is erased.")
    public ContactView putCustomer(@PathParam("customerId") @Pattern(regexp = ContactRules.ID) String customerId,
                                   @Valid @NotNull CustomerContactRequest request) {
        return ContactView.of(directory.putCustomer(customerId, request.email(), request.language()));
    }

    @GET
    @Path("/agents/{agentId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.OPS})
    @Operation(summary = "An agent's contact", description = "As routing-service's agent directory last said "
            + "(profileVersion); change it there. An agent seen only in assignments has an entry without addresses.")
    public ContactView getAgent(@PathParam("agentId") String agentId) {
        return directory.find(ContactKind.AGENT, agentId).map(ContactView::of)
                .orElseThrow(() -> ProblemException.notFound("Agent contact", agentId));
    }

    @GET
    @Path("/customers/{customerId}")
    @RolesAllowed({Roles.PLATFORM, Roles.ADMIN})
    @Operation(summary = "A customer's contact")
    public ContactView getCustomer(@PathParam("customerId") String customerId) {
        return directory.find(ContactKind.CUSTOMER, customerId).map(ContactView::of)
                .orElseThrow(() -> ProblemException.notFound("Customer contact", customerId));
    }
}
