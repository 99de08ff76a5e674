package io.exdesk.routing.rest;

import io.exdesk.routing.domain.AgentStatus;
import jakarta.validation.constraints.NotNull;

/** An agent's new availability. */
public record StatusRequest(@NotNull AgentStatus status) {
}
