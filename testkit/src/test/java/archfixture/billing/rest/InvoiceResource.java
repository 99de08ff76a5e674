package archfixture.billing.rest;

import archfixture.billing.config.BillingConfig;
import archfixture.billing.domain.Invoice;
import archfixture.billing.service.InvoiceCommand;
import archfixture.billing.service.InvoiceService;
import jakarta.ws.rs.Path;

/** A resource that maps its request to the use case's command. */
@Path("/invoices")
public class InvoiceResource {

    public Invoice create(InvoiceRequest request, InvoiceService service, BillingConfig config) {
        return service.create(new InvoiceCommand(request.cents()), config);
    }
}
