package io.exdesk.ticket.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A reply on a ticket, by an agent or, through the platform, by the customer. */
public record ReplyRequest(@NotBlank @Size(max = 20_000) String body) {
}
