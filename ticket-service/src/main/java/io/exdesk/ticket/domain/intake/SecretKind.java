package io.exdesk.ticket.domain.intake;

/** A kind of secret that {@link SecretRedactor} removes from ticket text. */
public enum SecretKind {
    /**
     * A private key: 64 hex digits (optionally {@code 0x}-prefixed), a Base58Check WIF key, a PEM
     * block, a keypair byte array, or a key-shaped token after a private-key label.
     */
    PRIVATE_KEY,
    /** A BIP-32 extended private key ({@code xprv}, {@code tprv}, {@code yprv}, {@code zprv}, ...). */
    EXTENDED_PRIVATE_KEY,
    /** A BIP-39 mnemonic in English or Chinese, with or without separators. */
    SEED_PHRASE,
    /** A password, passphrase or PIN after its name ("password:", "\"pwd\": ", "密码是", ...). */
    PASSWORD,
    /** An API key, API secret or access token ("API Key:", "secretKey=", "Bearer ...", a 64-character key). */
    API_KEY,
    /** A 6-8 digit one-time code after a 2FA cue ("2FA code", "OTP", "验证码", ...). */
    TWO_FACTOR_CODE;

    /** The text that replaces a secret of this kind, e.g. {@code [REDACTED:PRIVATE_KEY]}. */
    public String marker() {
        return "[REDACTED:" + name() + "]";
    }
}
