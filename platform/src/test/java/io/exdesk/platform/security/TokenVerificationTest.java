package io.exdesk.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.JwtIssuer;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What the shared token verification (the platform's defaults in {@code microprofile-config.properties})
 * refuses, each against a token that differs from an accepted one in that one respect: an unsigned
 * token, the classic RS256 → HS256 confusion, a foreign key, a foreign issuer or audience, expired,
 * not yet valid, and a lifetime over {@code smallrye.jwt.time-to-live}. Every refusal is 401
 * problem+json, like a missing token.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TokenVerificationTest {

    private static final String ADMIN_ONLY = "/api/v1/demo/admin";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JwtIssuer issuer = TestServers.get().jwt();

    @Test
    void aTokenFromTheIssuerForExDeskIsAccepted() {
        given().auth().oauth2(sign(claims())).get(ADMIN_ONLY).then().statusCode(200);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String valid = sign(claims());
        assertAccepted(valid);
        String payload = valid.split("\\.")[1];
        for (String alg : new String[] {"none", "None", "NONE"}) {
            String unsigned = encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + payload + ".";
            assertRefused(unsigned);
        }
    }

    /**
     * The attacker holds the public key (it is public) and a valid token's claims, switches the header to
     * HS256 and signs with the key's bytes as the HMAC secret: a verifier that takes the algorithm from the
     * token would check the HMAC with the same bytes and accept it.
     */
    @Test
    void anHs256TokenSignedWithThePublicKeyIsRefused() throws Exception {
        String valid = sign(claims());
        assertAccepted(valid);
        String payload = valid.split("\\.")[1];
        String pem = Files.readString(issuer.publicKeyFile(), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)))
                .as("the HMAC secrets below are the very key services verify with").isNotNull();
        for (byte[] secret : new byte[][] {pem.getBytes(StandardCharsets.US_ASCII), pem.strip().getBytes(StandardCharsets.US_ASCII), der}) {
            String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
            assertRefused(signingInput + "." + BASE64URL.encodeToString(hmacSha256(secret, signingInput)));
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        assertRefused(claims().sign(foreign));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertRefused(sign(claims().issuer("https://idp.elsewhere.example")));
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIsRefused() {
        assertRefused(sign(claims().audience("another-service")));
        assertRefused(sign(claims().remove("aud")));
        assertAccepted(sign(claims().audience(Set.of("another-service", JwtIssuer.AUDIENCE))));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant now = Instant.now();
        // The test application allows 1 s of clock skew; production 30 s.
        assertRefused(sign(claims().issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(120))));
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        long now = Instant.now().getEpochSecond();
        assertRefused(sign(claims().claim("nbf", now + 600)));
        assertAccepted(sign(claims().claim("nbf", now - 5)));
    }

    @Test
    void aTokenIssuedForLongerThanAnHourIsRefused() {
        assertRefused(sign(claims().expiresIn(Duration.ofHours(2))));
        assertAccepted(sign(claims().expiresIn(Duration.ofHours(1))));
    }

    private JwtClaimsBuilder claims() {
        return issuer.claims("admin-verify", Set.of(Roles.ADMIN), Duration.ofMinutes(5));
    }

    private String sign(JwtClaimsBuilder claims) {
        return issuer.sign(claims);
    }

    private static void assertAccepted(String token) {
        given().auth().oauth2(token).get(ADMIN_ONLY).then().statusCode(200);
    }

    private static void assertRefused(String token) {
        given().auth().oauth2(token).get(ADMIN_ONLY)
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/unauthorized"));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(byte[] secret, String input) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }
}
