package io.exdesk.ticket.domain.intake;

import java.util.Set;

/**
 * The outcome of {@link SecretRedactor#redact(String)}.
 *
 * @param text     the input with every secret replaced by its {@link SecretKind#marker() marker};
 *                 identical to the input (the same string) when nothing was found
 * @param redacted whether at least one secret was replaced
 * @param kinds    the kinds of secret that were replaced (empty when none; unmodifiable)
 */
public record Redaction(String text, boolean redacted, Set<SecretKind> kinds) {

    public Redaction {
        kinds = Set.copyOf(kinds);
        if (redacted == kinds.isEmpty()) {
            throw new IllegalArgumentException("redacted must be true exactly when kinds is not empty");
        }
    }

    /** A text in which nothing was redacted. */
    public static Redaction unchanged(String text) {
        return new Redaction(text, false, Set.of());
    }
}
