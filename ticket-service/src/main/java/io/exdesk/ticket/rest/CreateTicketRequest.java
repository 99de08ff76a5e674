package io.exdesk.ticket.rest;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.ticket.domain.intake.CryptoNetwork;
import io.exdesk.ticket.service.OpenTicket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * What the exchange platform sends to open a ticket. Category and priority are optional: when
 * absent, auto-triage chooses them from the text.
 */
public record CreateTicketRequest(
        @NotNull @Valid Customer customer,
        @NotNull Channel channel,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 20_000) String description,
        Category category,
        Priority priority,
        @Valid Crypto crypto,
        @Size(max = 100) String externalReference) {

    /** The use case's command: the same fields, in the same order (the Idempotency-Key hash is of its JSON). */
    public OpenTicket toCommand() {
        return new OpenTicket(customer.toCommand(), channel, subject, description, category, priority,
                crypto == null ? null : crypto.toCommand(), externalReference);
    }

    /** The customer the ticket is about. */
    public record Customer(
            @NotBlank @Size(max = 100) String id,
            @NotNull CustomerTier tier,
            @NotBlank @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
                    message = "must be a BCP 47 language tag such as zh-CN or en") String language,
            @Valid Contact contact) {

        OpenTicket.Customer toCommand() {
            return new OpenTicket.Customer(id, tier, language, contact == null ? null : contact.toCommand());
        }
    }

    /** How to reach the customer; personal data, erased on request. */
    public record Contact(
            @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ()-]{3,40}", message = "must be a phone number") String phone) {

        OpenTicket.Contact toCommand() {
            return new OpenTicket.Contact(name, email, phone);
        }
    }

    /**
     * The transaction the ticket is about, if any: a ticker ({@code USDT}), a known network
     * ({@code TRC20}, or an alias such as {@code tron}) and a transaction id of that network's shape.
     */
    @ValidCrypto
    public record Crypto(
            @Size(max = 20) String asset,
            @Size(max = 40) String network,
            @Size(max = 200) String txId,
            @DecimalMin("0") @Digits(integer = 20, fraction = 18) BigDecimal amount) {

        /** In canonical form: upper-case ticker, the network's canonical name, the id without blanks. */
        OpenTicket.Crypto toCommand() {
            return new OpenTicket.Crypto(
                    asset == null ? null : CryptoNetwork.asset(asset).orElse(asset),
                    network == null ? null : CryptoNetwork.of(network).map(Enum::name).orElse(network),
                    txId == null ? null : txId.strip(),
                    amount);
        }
    }
}
