package io.exdesk.routing.rest;

import jakarta.validation.constraints.NotBlank;

/** The agent a supervisor moves a ticket to. */
public record ReassignRequest(@NotBlank String agentId) {
}
