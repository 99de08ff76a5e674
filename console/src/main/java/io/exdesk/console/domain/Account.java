package io.exdesk.console.domain;

import java.time.Instant;

/**
 * A local console account. For an agent, {@code username} is the agent id in routing-service (the
 * subject of the tokens the console signs), so an agent's account and agent record are one person.
 */
public record Account(String username, String displayName, ConsoleRole role, String passwordHash,
                      int failedAttempts, Instant lockedUntil) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
