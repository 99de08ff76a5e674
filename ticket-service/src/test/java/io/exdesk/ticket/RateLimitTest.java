package io.exdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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

    @Inject
    TestClock clock;

    @AfterEach
    void letTimeRun() {
        clock.unfreeze();
    }

    @Test
    void aClientOverItsRateIsToldWhenToRetryAndNothingIsWritten() {
        // The buckets refill by the application's clock: frozen, no refill happens however slow the machine.
        clock.freeze();
        for (int i = 0; i < 3; i++) {
            TicketApi.as("flooding-exchange", Roles.PLATFORM).body(TicketApi.body("Deposit " + i, "Where is it?", ""))
                    .post("/api/v1/tickets").then().statusCode(201);
        }
        String refusedBody = TicketApi.body("Deposit 3", "Where is it?", "");
        String customer = refusedBody.replaceAll("(?s).*\"id\":\"(cust-[^\"]+)\".*", "$1");
        TicketApi.as("flooding-exchange", Roles.PLATFORM).body(refusedBody).post("/api/v1/tickets")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://exdesk.io/problems/too-many-requests"))
                .body("detail", startsWith("Client flooding-exchange is over its rate limit"));

        // Another client has a bucket of its own; the refused ticket was not stored.
        List<String> stored = TicketApi.as("supervisor-rl", Roles.SUPERVISOR).queryParam("customer", customer)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertThat(stored).isEmpty();
        TicketApi.as("other-exchange", Roles.PLATFORM).body(TicketApi.body("Other", "Fine", ""))
                .post("/api/v1/tickets").then().statusCode(201);

        // Just before the advertised wait it is still refused; once it has passed, served again.
        clock.advance(Duration.ofMillis(4_900));
        TicketApi.as("flooding-exchange", Roles.PLATFORM).body(refusedBody).post("/api/v1/tickets")
                .then().statusCode(429);
        clock.advance(Duration.ofMillis(100));
        TicketApi.as("flooding-exchange", Roles.PLATFORM).body(refusedBody).post("/api/v1/tickets")
                .then().statusCode(201);
    }
}
