package io.exdesk.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.notification.domain.ChatFormat;
import io.exdesk.notification.domain.Contact;
import java.time.Instant;

/** A contact entry as the API shows it; {@code profileVersion}: the agent-directory profile an agent's entry holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(String kind, String id, String name, String email, String language, String team,
                          boolean supervisor, String chatUrl, ChatFormat chatFormat, Long profileVersion,
                          Instant updatedAt) {

    static ContactView of(Contact contact) {
        return new ContactView(contact.key.kind.name(), contact.key.id, contact.name, contact.email, contact.language,
                contact.team, contact.supervisor, contact.chatUrl, contact.chatFormat, contact.profileVersion, contact.updatedAt);
    }
}
