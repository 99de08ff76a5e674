package io.exdesk.platform.security;

/**
 * The roles of bearer tokens (the JWT {@code groups} claim), as named in the design brief.
 * The token's subject ({@code sub}/{@code upn}) is the caller's id, e.g. the agent id.
 */
public final class Roles {

    /** The exchange backend that opens tickets and adds customer replies. */
    public static final String PLATFORM = "platform";
    /** A support agent: sees and works on the tickets routed to them. */
    public static final String AGENT = "agent";
    /** Leads agents: sees all tickets, reassigns, retries notifications. */
    public static final String SUPERVISOR = "supervisor";
    /** Configures the system: agents, SLA policies. */
    public static final String ADMIN = "admin";
    /** Operations: health, metrics, dead letters. */
    public static final String OPS = "ops";

    private Roles() {
    }
}
