package io.exdesk.console.domain;

import java.time.Instant;

/**
 * A local console account. For an agent, {@code username} is the agent id in routing-service (the
 * subject of the tokens the console signs), so an agent's account and agent record are one person. A disabled
 * account ({@code disabledAt} set by an admin) does not sign in.
 */
public record Account(String username, String displayName, ConsoleRole role, String passwordHash,
                      int failedAttempts, Instant lockedUntil, Instant disabledAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean disabled() {
        return disabledAt != null;
    }
}
