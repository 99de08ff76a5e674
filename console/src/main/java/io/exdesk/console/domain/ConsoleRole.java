package io.exdesk.console.domain;

import java.util.Locale;

/**
 * Who may sign in to the console, and the token role ({@code groups}) the services see for them. The
 * names are the services' roles (platform {@code Roles}); {@code platform} and {@code ops} never sign in here.
 */
public enum ConsoleRole {
    AGENT, SUPERVISOR, ADMIN;

    /** The role name in the services' tokens. */
    public String tokenRole() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Supervisors and admins see every ticket, the queue and the agents. */
    public boolean supervises() {
        return this != AGENT;
    }
}
