package io.exdesk.routing.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import java.util.List;

/**
 * Changes an agent: each field that is not null replaces the agent's; {@code clearShift} true removes the
 * shift (and wins over {@code shift}); a blank {@code email} or {@code chatUrl} removes that address.
 */
public record ChangeAgentCommand(String name, AgentTier tier, String team, List<Category> skills,
                                 List<String> languages, Integer capacity, Boolean vipCapable, ShiftCommand shift,
                                 Boolean clearShift, String email, String chatUrl,
                                 ChatWebhookFormat chatFormat) {
}
