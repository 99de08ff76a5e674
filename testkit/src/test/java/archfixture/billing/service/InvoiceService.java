package archfixture.billing.service;

import archfixture.billing.config.BillingConfig;
import archfixture.billing.domain.Invoice;

/** A use case that takes its own command and knows nothing of HTTP. */
public class InvoiceService {

    public Invoice create(InvoiceCommand command, BillingConfig config) {
        return new Invoice(config.prefix(), command.cents());
    }
}
