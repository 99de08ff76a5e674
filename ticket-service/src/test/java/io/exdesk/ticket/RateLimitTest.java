package io.exdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client over its rate gets 429 problem+json with Retry-After; other clients are not affected. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
@WithTestResource(ExDeskTestResources.class)
class RateLimitTest {

    /** Three requests at once, then one every five seconds. */
    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exdesk.rate-limit.burst", "3", "exdesk.rate-limit.requests", "1",
                    "exdesk.rate-limit.period", "5s");
        }
    }

    @Test
    void aClientOverItsRateIsToldWhenToRetryAndNothingIsWritten() {
        for (int i = 0; i < 3; i++) {
            TicketApi.as("flooding-exchange", Roles.PLATFORM).body(TicketApi.body("Deposit " + i, "Where is it?", ""))
                    .post("/api/v1/tickets").then().statusCode(201);
        }
        String refusedBody = TicketApi.body("Deposit 3", "Where is it?", "");
        String customer = refusedBody.replaceAll("(?s).*\"id\":\"(cust-[^\"]+)\".*", "$1");
        TicketApi.as("flooding-exchange", Roles.PLATFORM).body(refusedBody).post("/api/v1/tickets")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-5]"))
                .body("type", equalTo("https://exdesk.io/problems/too-many-requests"))
                .body("detail", startsWith("Client flooding-exchange is over its rate limit"));

        // Another client has a bucket of its own; the refused ticket was not stored.
        List<String> stored = TicketApi.as("supervisor-rl", Roles.SUPERVISOR).queryParam("customer", customer)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertThat(stored).isEmpty();
        TicketApi.as("other-exchange", Roles.PLATFORM).body(TicketApi.body("Other", "Fine", ""))
                .post("/api/v1/tickets").then().statusCode(201);

        // Once its bucket has refilled (one request per 5 s) the same client is served again; the bound
        // only stops a broken limiter from hanging the build, a slow machine may take longer than 5 s.
        await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() ->
                TicketApi.as("flooding-exchange", Roles.PLATFORM).body(refusedBody).post("/api/v1/tickets")
                        .statusCode() == 201);
    }
}
