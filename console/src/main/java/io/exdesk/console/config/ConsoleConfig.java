package io.exdesk.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's settings ({@code console.*}): where the services are, sessions, sign-in, service tokens, the
 * accounts created at start-up.
 */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    Services services();

    Session session();

    SignIn signIn();

    Token token();

    Bootstrap bootstrap();

    /** Base URLs of the services the console calls on the signed-in person's behalf. */
    interface Services {
        @WithDefault("http://127.0.0.1:8081")
        URI ticket();

        @WithDefault("http://127.0.0.1:8082")
        URI routing();

        @WithDefault("http://127.0.0.1:8083")
        URI sla();
    }

    /** The session cookie and how long a session lasts. */
    interface Session {
        /** {@code Secure} on the session cookie: off only where the console is reached over plain local HTTP. */
        @WithDefault("true")
        boolean secureCookie();

        /** A session unused for this long ends. */
        @WithDefault("30M")
        Duration idleTimeout();

        /** A session ends this long after sign-in, however busy. */
        @WithDefault("12H")
        Duration maxAge();
    }

    /** Lock-out after repeated failed sign-ins. */
    interface SignIn {
        /** Failed attempts in a row that lock an account. */
        @WithDefault("5")
        int maxFailures();

        /** How long a locked account stays locked. */
        @WithDefault("15M")
        Duration lockout();

        /** bcrypt cost (log2 rounds) of new password hashes. */
        @WithDefault("12")
        int bcryptCost();
    }

    /** Accounts created at start-up, so a new installation has someone who can sign in. */
    interface Bootstrap {
        /**
         * A file (a mounted secret) with one account a line, {@code username:role:display name:password}; each
         * is created if no account of that username exists, and an existing one is left as it is (its password
         * may have been changed since). Blank lines and lines starting with {@code #} are skipped.
         */
        Optional<String> accountsFile();
    }

    /** The short-lived tokens the console signs for the services (issuer, audience and key they verify). */
    interface Token {
        /** PEM (PKCS#8) RSA private key; its public key must be among those the services verify against. */
        String signingKeyLocation();

        /** {@code kid} header, naming the console's key in a JWKS the services read. */
        Optional<String> keyId();

        /** Must equal the services' {@code mp.jwt.verify.issuer}. */
        @WithDefault("exdesk")
        String issuer();

        @WithDefault("exdesk")
        String audience();

        /** At most the services' {@code smallrye.jwt.time-to-live} (1 h); short, since it cannot be revoked. */
        @WithDefault("5M")
        Duration lifetime();
    }
}
