package io.exdesk.ticket.domain.intake;

/** A kind of secret that {@link SecretRedactor} removes from ticket text. */
public enum SecretKind {
    /** A raw private key: 64 hex digits (optionally {@code 0x}-prefixed) or a Base58Check WIF key. */
    PRIVATE_KEY,
    /** A BIP-32 extended private key ({@code xprv}, {@code tprv}, {@code yprv}, {@code zprv}, ...). */
    EXTENDED_PRIVATE_KEY,
    /** A BIP-39 mnemonic: twelve or more words of one official wordlist in a row. */
    SEED_PHRASE,
    /** The value after a password cue ("password:", "my password is", "密码是", ...). */
    PASSWORD,
    /** A 6-8 digit one-time code after a 2FA cue ("2FA code", "OTP", "验证码", ...). */
    TWO_FACTOR_CODE;

    /** The text that replaces a secret of this kind, e.g. {@code [REDACTED:PRIVATE_KEY]}. */
    public String marker() {
        return "[REDACTED:" + name() + "]";
    }
}
