package io.exdesk.routing.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.routing.domain.AgentStatus;
import java.util.List;

/**
 * Registers an agent. {@code status} null means OFFLINE, {@code vipCapable} null means false; a {@code shift}
 * sets the status automatically at its edges. {@code email}, {@code chatUrl} and {@code chatFormat} (null: SLACK)
 * are how notifications reach the agent; any of them may be null.
 */
public record RegisterAgentCommand(String id, String name, AgentTier tier, String team, List<Category> skills,
                                   List<String> languages, int capacity, Boolean vipCapable, AgentStatus status,
                                   ShiftCommand shift, String email, String chatUrl,
                                   ChatWebhookFormat chatFormat) {
}
