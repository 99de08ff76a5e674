package io.exdesk.console.service;

import io.exdesk.console.config.ConsoleConfig;
import io.exdesk.console.domain.SignedIn;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the tokens with which the console calls the services for the signed-in person: subject = the
 * username (an agent's id), {@code groups} = their one role, the services' issuer and audience, RS256, a
 * few minutes' lifetime. A token is reused until a fifth of its life is left, so services verify it once
 * (their verified-token cache) rather than on every call.
 */
@ApplicationScoped
public class ServiceTokens {

    private record Minted(String token, Instant renewAfter) {
    }

    private final ConsoleConfig.Token config;
    private final Clock clock;
    private final PrivateKey signingKey;
    private final Map<String, Minted> minted = new ConcurrentHashMap<>();

    public ServiceTokens(ConsoleConfig config, Clock clock) {
        this.config = config.token();
        this.clock = clock;
        this.signingKey = readKey(this.config.signingKeyLocation());
    }

    public String forPerson(SignedIn person) {
        String key = person.username() + '\n' + person.role();
        Instant now = clock.instant();
        Minted current = minted.get(key);
        if (current == null || !now.isBefore(current.renewAfter())) {
            current = mint(person, now);
            minted.put(key, current);
        }
        return current.token();
    }

    private Minted mint(SignedIn person, Instant now) {
        Instant expires = now.plus(config.lifetime());
        JwtSignatureBuilder jws = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(person.username())
                .upn(person.username())
                .groups(Set.of(person.role().tokenRole()))
                .issuedAt(now)
                .expiresAt(expires)
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256);
        config.keyId().ifPresent(jws::keyId);
        String token = jws.sign(signingKey);
        return new Minted(token, expires.minus(config.lifetime().dividedBy(5)));
    }

    private static PrivateKey readKey(String location) {
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            return KeyUtils.decodePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("console.token.signing-key-location: cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("console.token.signing-key-location: " + file + " is no PEM private key", e);
        }
    }
}
