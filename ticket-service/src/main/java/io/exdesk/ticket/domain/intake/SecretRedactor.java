package io.exdesk.ticket.domain.intake;

import jakarta.inject.Singleton;

/**
 * Replaces secrets that customers paste into tickets by a marker such as
 * {@code [REDACTED:PRIVATE_KEY]}, before anything is stored or emitted: private keys
 * ({@link PrivateKeys}), BIP-39 seed phrases ({@link SeedPhrases}), and passwords, PINs, 2FA codes and
 * backup codes, API keys and secrets and access tokens, named in any of fifteen languages
 * ({@link Credentials}, {@link CredentialNames}).
 *
 * <p>What must stay readable stays: addresses, transaction hashes (after a transaction cue such as
 * "TxID" or "交易哈希", or {@code 0x}-prefixed without a private-key cue), amounts, dates and order
 * ids. Detection errs towards redacting when a string has the exact shape of a key and no
 * transaction cue, and towards keeping when a cue word is not followed by something that looks
 * like a secret ("forgot my password", "the 2FA code never arrives").
 *
 * <p>Stateless and thread-safe; all patterns are compiled once and are linear in the input (bounded
 * or possessive quantifiers, no nested repetition). A call allocates little unless it finds
 * something. Counting redactions is the caller's job.
 */
@Singleton
public class SecretRedactor {

    public SecretRedactor() {
        // fail when the bean is created, not on a customer's ticket, if the wordlists are broken
        Bip39Wordlists.ensureLoaded();
    }

    /**
     * Redacts every secret in {@code text}.
     *
     * @return the redacted text with what was found; for text without secrets, the very same
     *         string with {@code redacted == false}
     */
    public Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return Redaction.unchanged(text);
        }
        Spans spans = new Spans();
        PrivateKeys.find(text, spans);
        SeedPhrases.find(text, spans);
        Credentials.find(text, spans);
        return spans.apply(text);
    }
}
