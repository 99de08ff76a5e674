package io.exdesk.ticket.domain.intake;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import java.util.Objects;

/** Category and priority that {@link Triage} derived from a ticket's text. */
public record TriageResult(Category category, Priority priority) {

    public TriageResult {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(priority, "priority");
    }

    /**
     * The rule for a ticket in which secrets were redacted: the customer exposed a key, seed phrase,
     * password or 2FA code, so the ticket is a security matter of at least {@code HIGH} priority
     * (an {@code URGENT} incident stays {@code URGENT}).
     */
    public TriageResult withExposedSecrets() {
        Priority floor = priority.compareTo(Priority.HIGH) > 0 ? Priority.HIGH : priority;
        return new TriageResult(Category.SECURITY, floor);
    }
}
