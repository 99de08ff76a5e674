package io.exdesk.console.domain;

import io.quarkus.qute.TemplateData;

/** The person behind a valid session (shown in every page's header). */
@TemplateData
public record SignedIn(String sessionId, String username, String displayName, ConsoleRole role) {

    public boolean supervises() {
        return role.supervises();
    }

    public boolean admin() {
        return role == ConsoleRole.ADMIN;
    }
}
