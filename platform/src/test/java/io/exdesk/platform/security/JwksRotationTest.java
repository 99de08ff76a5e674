package io.exdesk.platform.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.exdesk.testkit.JwtIssuer;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * Key rotation as an identity provider does it, with {@code mp.jwt.verify.publickey.location} pointing at
 * its JWKS URL ({@link JwksServer}): tokens name their key by {@code kid}; a key published next to the old
 * one is taken up once the cached set expires (or at once, by the forced refresh an unknown {@code kid}
 * triggers), both are accepted during the overlap, and a retired key's new tokens are refused. RS256 and
 * ES256 keys live in one set; the algorithm confusion is refused here too.
 */
@QuarkusTest
@WithTestResource(JwksServer.class)
class JwksRotationTest {

    private static final String ADMIN_ONLY = "/api/v1/demo/admin";
    private static final Duration CACHE_EXPIRY = Duration.ofSeconds(15);

    private final JwtIssuer claims = TestServers.get().jwt();

    @Test
    void aRotatedKeyIsAcceptedAfterPublicationAndTheRetiredOneRefused() throws Exception {
        KeyPair rsa = generate("RSA", null);
        KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"));
        JsonWebKey oldKey = jwk(rsa, "rsa-2026-01", "RS256");
        JsonWebKey newKey = jwk(ec, "ec-2026-07", "ES256");

        JwksServer.publish(keySet(oldKey));
        // Awaited: a set another test published may still be cached for up to a second.
        await().atMost(CACHE_EXPIRY).untilAsserted(() -> accepted(token(rsa, "rsa-2026-01", SignatureAlgorithm.RS256)));
        refused(token(ec, "ec-2026-07", SignatureAlgorithm.ES256)); // not published yet

        JwksServer.publish(keySet(oldKey, newKey));
        await().atMost(CACHE_EXPIRY).untilAsserted(() -> accepted(token(ec, "ec-2026-07", SignatureAlgorithm.ES256)));
        accepted(token(rsa, "rsa-2026-01", SignatureAlgorithm.RS256)); // the overlap: both keys sign

        JwksServer.publish(keySet(newKey));
        await().atMost(CACHE_EXPIRY).untilAsserted(() -> refused(token(rsa, "rsa-2026-01", SignatureAlgorithm.RS256)));
        accepted(token(ec, "ec-2026-07", SignatureAlgorithm.ES256));
        // A token naming the right key but signed by another is refused.
        refused(token(generate("EC", new ECGenParameterSpec("secp256r1")), "ec-2026-07", SignatureAlgorithm.ES256));
    }

    @Test
    void anHs256TokenSignedWithAPublishedKeyIsRefused() throws Exception {
        KeyPair rsa = generate("RSA", null);
        JsonWebKey key = jwk(rsa, "rsa-confusion", "RS256");
        JwksServer.publish(keySet(key));
        String valid = token(rsa, "rsa-confusion", SignatureAlgorithm.RS256);
        await().atMost(CACHE_EXPIRY).untilAsserted(() -> accepted(valid));

        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String header = base64url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-confusion\"}"
                .getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + valid.split("\\.")[1];
        List<byte[]> secrets = List.of(rsa.getPublic().getEncoded(), key.toJson().getBytes(StandardCharsets.UTF_8));
        for (byte[] secret : secrets) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            refused(signingInput + "." + base64url.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    /** A fresh token each call (its own jti), so the verified-token cache never answers for it. */
    private String token(KeyPair key, String kid, SignatureAlgorithm algorithm) {
        return claims.claims("admin-jwks", Set.of(Roles.ADMIN), Duration.ofMinutes(5))
                .jws().keyId(kid).algorithm(algorithm).sign(key.getPrivate());
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve == null) {
            generator.initialize(2048);
        } else {
            generator.initialize(curve);
        }
        return generator.generateKeyPair();
    }

    private static JsonWebKey jwk(KeyPair pair, String kid, String algorithm) throws JoseException {
        JsonWebKey jwk = JsonWebKey.Factory.newJwk(pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm(algorithm);
        jwk.setUse("sig");
        return jwk;
    }

    private static String keySet(JsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson();
    }

    private static void accepted(String token) {
        given().auth().oauth2(token).get(ADMIN_ONLY).then().statusCode(200);
    }

    private static void refused(String token) {
        given().auth().oauth2(token).get(ADMIN_ONLY).then().statusCode(401);
    }
}
