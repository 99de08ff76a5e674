package io.exdesk.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A token is verified once and then served from the cache, but the cache never accepts what the
 * verifier would refuse: a token altered in any byte, or one past its expiry (the test application
 * allows one second of clock skew).
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class VerifiedTokenCacheTest {

    /** Long enough for the first requests of a cold application on a loaded machine, short enough to wait out. */
    private static final int TOKEN_SECONDS = 8;

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aTokenIsVerifiedOnceAndRefusedOnceExpired() {
        Instant issued = Instant.now();
        String token = TestServers.get().jwt().mint("admin-cache", Set.of(Roles.ADMIN), Duration.ofSeconds(TOKEN_SECONDS));
        long before = cache.verifications();
        given().auth().oauth2(token).get("/api/v1/demo/admin").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/demo/admin").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/demo/admin").then().statusCode(200);
        assertThat(cache.verifications() - before).as("signature checks for three requests").isEqualTo(1);

        // The same claims with a broken signature are verified, and refused, although the original is cached.
        int at = token.length() - 10; // inside the signature, clear of base64 padding bits
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        given().auth().oauth2(tampered).get("/api/v1/demo/admin").then().statusCode(401);
        // Another caller's identity is its own.
        given().auth().oauth2(TestTokens.forRole(Roles.PLATFORM)).get("/api/v1/demo/admin").then().statusCode(403);

        Instant expired = issued.plusSeconds(TOKEN_SECONDS + 2); // exp (whole seconds, at most issued + lifetime) + 1 s skew
        await().atMost(Duration.ofSeconds(TOKEN_SECONDS + 10)).until(() -> Instant.now().isAfter(expired));
        given().auth().oauth2(token).get("/api/v1/demo/admin").then().statusCode(401);
    }
}
