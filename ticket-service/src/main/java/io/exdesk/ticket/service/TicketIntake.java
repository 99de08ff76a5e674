package io.exdesk.ticket.service;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.ticket.domain.intake.Redaction;
import io.exdesk.ticket.domain.intake.SecretRedactor;
import io.exdesk.ticket.domain.intake.Triage;
import io.exdesk.ticket.domain.intake.TriageResult;
import jakarta.inject.Singleton;

/**
 * Intake of customer text: secrets are redacted before anything is stored, logged or emitted, then
 * auto-triage fills in the category and priority the caller left out, reading the redacted text.
 */
@Singleton
public class TicketIntake {

    /** The text to store and the category and priority to use. */
    public record Result(String subject, String description, Category category, Priority priority,
                         boolean secretsRedacted) {
    }

    private final SecretRedactor redactor;
    private final Triage triage;

    public TicketIntake(SecretRedactor redactor, Triage triage) {
        this.redactor = redactor;
        this.triage = triage;
    }

    public Result process(String subject, String description, String language, Category category, Priority priority) {
        Redaction cleanSubject = redactor.redact(subject);
        Redaction cleanDescription = redactor.redact(description);
        boolean redacted = cleanSubject.redacted() || cleanDescription.redacted();
        if (category != null && priority != null) {
            return new Result(cleanSubject.text(), cleanDescription.text(), category, priority, redacted);
        }
        TriageResult auto = triage.classify(cleanSubject.text(), cleanDescription.text(), language, redacted);
        return new Result(cleanSubject.text(), cleanDescription.text(),
                category != null ? category : auto.category(),
                priority != null ? priority : auto.priority(), redacted);
    }

    /** Redacts a reply body. */
    public String redact(String text) {
        return redactor.redact(text).text();
    }
}
