package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: replay, mismatch (422), in flight (409), per client, and bad keys (400). */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class IdempotencyKeyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sameKeyAndBodyReplaysTheFirstResponseAndCreatesOneTicket() {
        String key = UUID.randomUUID().toString();
        String request = body("Withdrawal stuck", "pending for 6 hours", "");
        ExtractableResponse<Response> first = platform().header("Idempotency-Key", key).body(request)
                .post("/api/v1/tickets").then().statusCode(201).extract();
        ExtractableResponse<Response> second = platform().header("Idempotency-Key", key).body(request)
                .post("/api/v1/tickets").then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .extract();
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat((String) second.path("id")).isEqualTo(first.path("id"));
        assertThat((String) second.path("number")).isEqualTo(first.path("number"));
        assertThat(ticketsWithSubject("Withdrawal stuck", first.path("customer.id"))).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        platform().header("Idempotency-Key", key).body(body("First", "one", "")).post("/api/v1/tickets")
                .then().statusCode(201);
        platform().header("Idempotency-Key", key).body(body("Second", "two", "")).post("/api/v1/tickets")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/unprocessable"));
    }

    @Test
    void aRetryWhileTheFirstIsInFlightIs409() {
        String key = UUID.randomUUID().toString();
        String request = body("In flight", "first attempt still running", "");
        // The first attempt holds the claim (as it does between claiming and committing).
        String hash = requestHashOfAFirstAttempt(key, request);
        claimInFlight(key, hash);
        platform().header("Idempotency-Key", key).body(request).post("/api/v1/tickets")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("The request with this Idempotency-Key is still in progress"));
    }

    @Test
    void keysArePerClient() {
        String key = UUID.randomUUID().toString();
        String request = body("Shared key", "two clients", "");
        String a = platform().header("Idempotency-Key", key).body(request).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
        String b = TicketApi.as("exchange-b", "platform").header("Idempotency-Key", key).body(request)
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void anInvalidKeyIs400AndCreatesNothing() {
        String request = body("Bad key", "spaces are not allowed", "");
        platform().header("Idempotency-Key", "has spaces in it").body(request).post("/api/v1/tickets")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(countSubject("Bad key")).isZero();
    }

    /** Performs a first request with another key to learn how the service hashes this body. */
    private String requestHashOfAFirstAttempt(String key, String request) {
        String probeKey = key + "-probe";
        platform().header("Idempotency-Key", probeKey).body(request).post("/api/v1/tickets").then().statusCode(201);
        return (String) Db.queryOne(dataSource, "SELECT request_hash FROM idempotency_key WHERE idempotency_key = ?",
                probeKey);
    }

    private void claimInFlight(String key, String hash) {
        Db.execute(dataSource, """
                INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, state, created_at)
                VALUES (?, ?, ?, 'IN_FLIGHT', ?)""", TicketApi.PLATFORM, key, hash, Timestamp.from(Instant.now()));
    }

    private long ticketsWithSubject(String subject, String customerId) {
        return Db.count(dataSource, "SELECT count(*) FROM ticket WHERE subject = ? AND customer_id = ?",
                subject, customerId);
    }

    private long countSubject(String subject) {
        return Db.count(dataSource, "SELECT count(*) FROM ticket WHERE subject = ?", subject);
    }
}
