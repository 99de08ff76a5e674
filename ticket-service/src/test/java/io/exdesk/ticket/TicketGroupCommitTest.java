package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.exdesk.platform.idempotency.IdempotentRequests;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.ticket.rest.CreateTicketRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Creations that arrive together share a transaction (group commit). Each must still be saved once,
 * with its own number, history and event, and Idempotency-Key must hold across concurrent retries.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketGroupCommitTest {

    private static final int CONCURRENT = 40;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    IdempotentRequests idempotency;
    @Inject
    ObjectMapper mapper;

    private final ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void concurrentCreationsAreEachSavedOnceWithTheirOwnNumberHistoryAndEvent() throws Exception {
        String run = UUID.randomUUID().toString();
        List<ExtractableResponse<Response>> created = concurrently(CONCURRENT, i ->
                platform().body(body("Batch " + run + " #" + i, "one of many at once", ""))
                        .post("/api/v1/tickets").then().extract());

        assertThat(created).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        Set<String> ids = created.stream().map(r -> r.<String>path("id")).collect(Collectors.toSet());
        Set<String> numbers = created.stream().map(r -> r.<String>path("number")).collect(Collectors.toSet());
        assertThat(ids).hasSize(CONCURRENT);
        assertThat(numbers).hasSize(CONCURRENT).allMatch(n -> n.matches("EXD-\\d+"));
        assertThat(created).allSatisfy(r ->
                assertThat(r.header("Location")).endsWith("/api/v1/tickets/" + r.path("id")));
        for (int i = 0; i < CONCURRENT; i++) {
            // Each answer belongs to its own request.
            assertThat((String) created.get(i).path("subject")).isEqualTo("Batch " + run + " #" + i);
        }
        for (String id : ids) {
            UUID ticket = UUID.fromString(id);
            assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket WHERE id = ?", ticket)).isEqualTo(1);
            assertThat(Db.count(dataSource,
                    "SELECT count(*) FROM ticket_history WHERE ticket_id = ? AND action = 'CREATED'", ticket))
                    .isEqualTo(1);
            assertThat(Db.count(dataSource,
                    "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = 'ticket-created'",
                    id)).isEqualTo(1);
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket WHERE subject LIKE ?", "Batch " + run + " #%"))
                .isEqualTo(CONCURRENT);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneTicket() throws Exception {
        String key = UUID.randomUUID().toString();
        String subject = "Retried " + key;
        String request = body(subject, "the client retried at once, many times", "");
        List<ExtractableResponse<Response>> answers = concurrently(10, i ->
                platform().header("Idempotency-Key", key).body(request).post("/api/v1/tickets").then().extract());

        // Each is either the first response (or its replay), or 409 while the first is in flight.
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        Set<String> ids = answers.stream().filter(r -> r.statusCode() == 201).map(r -> r.<String>path("id"))
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket WHERE subject = ?", subject)).isEqualTo(1);

        String replayed = platform().header("Idempotency-Key", key).body(request).post("/api/v1/tickets")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(ids).containsExactly(replayed);
    }

    @Test
    void aClaimAbandonedLongAgoIsTakenOverAndCompleted() {
        String key = UUID.randomUUID().toString();
        String subject = "Abandoned " + key;
        String request = body(subject, "the first attempt died holding the key", "");
        String hash = hashOf(request);
        // A claim left by a process that died mid-request, older than the in-flight timeout.
        Db.execute(dataSource, """
                INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, state, created_at)
                VALUES (?, ?, ?, 'IN_FLIGHT', ?)""", TicketApi.PLATFORM, key, hash,
                Timestamp.from(Instant.now().minus(Duration.ofHours(1))));

        String id = platform().header("Idempotency-Key", key).body(request).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");

        assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket WHERE subject = ?", subject)).isEqualTo(1);
        assertThat(Db.queryOne(dataSource,
                "SELECT state FROM idempotency_key WHERE client_id = ? AND idempotency_key = ?", TicketApi.PLATFORM, key))
                .isEqualTo("COMPLETED");
        assertThat((String) platform().header("Idempotency-Key", key).body(request).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id")).isEqualTo(id);
    }

    /** The hash the service keeps for this body, from the service's own code. */
    private String hashOf(String request) {
        try {
            return idempotency.hash(mapper.readValue(request, CreateTicketRequest.class));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> List<T> concurrently(int n, IntFunction<T> call) throws Exception {
        List<Callable<T>> calls = IntStream.range(0, n).<Callable<T>>mapToObj(i -> () -> call.apply(i)).toList();
        List<T> results = new ArrayList<>();
        for (Future<T> f : clients.invokeAll(calls)) {
            results.add(f.get());
        }
        return results;
    }
}
