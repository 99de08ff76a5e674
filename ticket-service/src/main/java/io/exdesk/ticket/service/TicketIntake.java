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
 *
 * <p>Redaction, the {@code secretsRedacted} flag and the exposed-secrets rule (at least
 * {@code SECURITY}/{@code HIGH}, {@link TriageResult#withExposedSecrets()}) never depend on triage:
 * a caller that sets both category and priority skips triage, not them. A customer who pasted a
 * key or seed phrase needs the security desk and the scam warning whatever the channel chose.
 */
@Singleton
public class TicketIntake {

    /**
     * The text to store, the category and priority to use, and which of them the service chose
     * (auto-triage, or the exposed-secrets rule overriding the caller's value).
     */
    public record Result(String subject, String description, Category category, Priority priority,
                         boolean secretsRedacted, boolean categoryChosen, boolean priorityChosen) {
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
        TriageResult chosen;
        if (category != null && priority != null) {
            chosen = new TriageResult(category, priority);
        } else {
            TriageResult auto = triage.classify(cleanSubject.text(), cleanDescription.text(), language);
            chosen = new TriageResult(category != null ? category : auto.category(),
                    priority != null ? priority : auto.priority());
        }
        if (redacted) {
            chosen = chosen.withExposedSecrets();
        }
        return new Result(cleanSubject.text(), cleanDescription.text(), chosen.category(), chosen.priority(), redacted,
                chosen.category() != category, chosen.priority() != priority);
    }

    /** Redacts an agent's reply, whose secrets are not the customer's exposure. */
    public String redact(String text) {
        return redactor.redact(text).text();
    }

    /**
     * Redacts a customer's reply. A customer who pastes a secret later in the conversation is as
     * exposed as one who opens with it: {@link #exposedSecrets} then applies to the ticket.
     */
    public Redaction redactCustomerReply(String text) {
        return redactor.redact(text);
    }

    /** The exposed-secrets rule on a ticket's current classification: at least {@code SECURITY}/{@code HIGH}. */
    public TriageResult exposedSecrets(Category category, Priority priority) {
        return new TriageResult(category, priority).withExposedSecrets();
    }
}
