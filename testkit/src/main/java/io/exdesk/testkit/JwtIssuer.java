package io.exdesk.testkit;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Mints bearer tokens for tests and the local run from a generated RSA key pair.
 *
 * <p>The pair lives in a directory ({@code private.pem}, {@code public.pem}); services verify with
 * {@code mp.jwt.verify.publickey.location} pointing at the public key. Production verifies against
 * the real issuer's key instead and never sees this class.
 */
public final class JwtIssuer {

    /** The {@code iss} claim of minted tokens; services verify it (mp.jwt.verify.issuer). */
    public static final String ISSUER = "exdesk";

    /** The {@code aud} claim of minted tokens; services accept only tokens meant for them (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "exdesk";

    private final Path publicKey;
    private final PrivateKey privateKey;

    private JwtIssuer(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Loads the key pair in {@code dir}, generating it first if it is not there. */
    public static JwtIssuer inDirectory(Path dir) {
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        try {
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            String base64 = Files.readString(privatePem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new JwtIssuer(publicPem.toAbsolutePath(), key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the key pair in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the key pair in " + dir, e);
        }
    }

    /** The PEM file services verify tokens with. */
    public Path publicKeyFile() {
        return publicKey;
    }

    /** The PEM (PKCS#8) private key, for a signer that must be trusted like this issuer (the console). */
    public Path privateKeyFile() {
        return publicKey.resolveSibling("private.pem");
    }

    /** A token for {@code subject} (the user or agent id, also {@code upn}) holding the given roles. */
    public String mint(String subject, Set<String> roles, Duration lifetime) {
        return sign(claims(subject, roles, lifetime));
    }

    /** The claims {@link #mint} signs, for a test that changes one of them (issuer, audience, times) first. */
    public JwtClaimsBuilder claims(String subject, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(lifetime);
    }

    /** Signs {@code claims} with this issuer's private key (RS256). */
    public String sign(JwtClaimsBuilder claims) {
        return claims.sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
