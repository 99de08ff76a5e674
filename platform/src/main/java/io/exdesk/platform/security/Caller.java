package io.exdesk.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;

/**
 * Who is calling: the token subject (a platform client, an agent id, ...) and their roles.
 * Services decide visibility with it; resources get it from the request's security identity.
 */
public record Caller(String id, Set<String> roles) {

    public static Caller of(SecurityIdentity identity) {
        return new Caller(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Supervisors and admins see everything. */
    public boolean seesAll() {
        return hasRole(Roles.SUPERVISOR) || hasRole(Roles.ADMIN);
    }
}
