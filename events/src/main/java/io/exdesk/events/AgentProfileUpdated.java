package io.exdesk.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code agent-profile}: how to reach an agent and whom they belong to, as routing-service (the owner of the
 * agents) holds it after a registration or a change, so notification-service can reach them without a
 * second registration. Staff contact data: the topic is compacted, so only an agent's latest record stays.
 *
 * @param name       the agent's display name
 * @param tier       the agent's tier; {@code SUPERVISOR} agents supervise their team
 * @param team       the agent's team, or null
 * @param languages  BCP 47 tags in the agent's order of preference (at least one); the first is the language
 *                   messages to the agent are written in
 * @param email      the agent's e-mail address, or null when they have none
 * @param chatUrl    the agent's chat incoming-webhook URL, or null
 * @param chatFormat the webhook's format; null when there is no webhook
 */
public record AgentProfileUpdated(
        String agentId,
        long profileVersion,
        String name,
        AgentTier tier,
        String team,
        List<String> languages,
        String email,
        String chatUrl,
        ChatWebhookFormat chatFormat,
        Instant occurredAt) implements AgentDirectoryEvent {

    public AgentProfileUpdated {
        Objects.requireNonNull(agentId, "agentId");
        Checks.version(profileVersion, "profileVersion");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(languages, "languages");
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("languages must name at least one language");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The language messages to the agent are written in: the first they listed. */
    public String preferredLanguage() {
        return languages.get(0);
    }
}
