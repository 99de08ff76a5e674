package archfixture.billing.service;

/** The use case's own command record. */
public record InvoiceCommand(long cents) {
}
