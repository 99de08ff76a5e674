package archfixture.billing.messaging;

import archfixture.billing.domain.Invoice;

/** A consumer that reads the domain. */
public class InvoiceEvents {

    public String handle(Invoice invoice) {
        return invoice.id();
    }
}
