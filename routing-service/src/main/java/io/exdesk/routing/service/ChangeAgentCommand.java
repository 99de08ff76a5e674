package io.exdesk.routing.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import java.util.List;

/**
 * Changes an agent: each field that is not null replaces the agent's; {@code clearShift} true removes the
 * shift (and wins over {@code shift}).
 */
public record ChangeAgentCommand(String name, AgentTier tier, String team, List<Category> skills,
                                 List<String> languages, Integer capacity, Boolean vipCapable, ShiftCommand shift,
                                 Boolean clearShift) {
}
