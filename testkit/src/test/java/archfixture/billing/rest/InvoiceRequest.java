package archfixture.billing.rest;

/** The REST request body. */
public record InvoiceRequest(long cents) {
}
