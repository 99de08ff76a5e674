package io.exdesk.ticket.service;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import java.math.BigDecimal;

/**
 * Open a ticket for a customer. Category and priority may be null: triage then chooses them. Its
 * JSON form is the request's, since it is what an {@code Idempotency-Key} retry must repeat.
 */
public record OpenTicket(Customer customer, Channel channel, String subject, String description, Category category,
                         Priority priority, Crypto crypto, String externalReference) {

    /** The customer the ticket is about. */
    public record Customer(String id, CustomerTier tier, String language, Contact contact) {
    }

    /** How to reach the customer; personal data, erased on request. */
    public record Contact(String name, String email, String phone) {
    }

    /** The transaction the ticket is about, if any. */
    public record Crypto(String asset, String network, String txId, BigDecimal amount) {
    }
}
