package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CustomerErased;
import io.exdesk.events.ErasureConfirmed;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketErased;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A customer's erasure, as the admin requests it through the API after the customer's tickets went through
 * the real API and their events through the real broker: afterwards no column of any table of the service's
 * database holds any of the customer's identifiers or words; the request is recorded and, once the other
 * services confirm, complete; repeating it changes nothing; another customer keeps everything.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> OTHER_SERVICES = List.of("routing-service", "sla-service", "notification-service");

    @Inject
    AgroalDataSource db;

    /** Identifiers and words only this customer has, so that finding one anywhere means it is theirs. */
    record Customer(String id, String name, String email, String phone, String externalReference, String txId,
                    String amount, String subject, String description, String reply, String agentReply,
                    String csatComment) {

        static Customer distinctive() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String tag = Long.toString(random.nextLong(1L << 40, 1L << 41), 36);
            StringBuilder tx = new StringBuilder("0x");
            random.ints(64, 0, 16).forEach(i -> tx.append(Character.forDigit(i, 16)));
            return new Customer("cust-" + tag, "Oriel Vantablack-" + tag, "oriel." + tag + "@vantablack.test",
                    "+41 79 " + random.nextInt(1_000_000, 10_000_000), "EXT-REF-" + tag.toUpperCase(),
                    tx.toString(), "0.0" + random.nextInt(10_000_000, 100_000_000),
                    "Zorblax" + tag + " wallet frozen", "我的钱包被冻结了 quibblewort" + tag,
                    "still waiting, mumblecrust" + tag, "Dear Oriel Vantablack-" + tag + ", we are on it",
                    "slow but fine, snorkelwhip" + tag);
        }

        /** Everything that must be gone: every identifier and every word of theirs. */
        List<String> identifiers() {
            return List.of(id, name, email, phone, externalReference, txId, amount, subject, description, reply,
                    agentReply, csatComment);
        }

        String ticket() {
            return """
                    {"customer":{"id":"%s","tier":"VIP","language":"zh-CN",
                      "contact":{"name":"%s","email":"%s","phone":"%s"}},
                     "channel":"CHAT","subject":"%s","description":"%s","category":"WITHDRAWAL","priority":"HIGH",
                     "crypto":{"asset":"USDT","network":"ETH","txId":"%s","amount":%s},"externalReference":"%s"}"""
                    .formatted(id, name, email, phone, subject, description, txId, amount, externalReference);
        }
    }

    @Test
    void oneRequestLeavesNothingOfTheCustomerIsRecordedAndIsNotRepeated() {
        Customer customer = Customer.distinctive();
        Customer other = Customer.distinctive();
        String idempotencyKey = "erasure-test-" + UUID.randomUUID();
        String first = platform().header("Idempotency-Key", idempotencyKey).body(customer.ticket())
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        String second = TicketApi.createId(customer.ticket());
        String kept = TicketApi.createId(other.ticket());
        platform().body(Map.of("body", customer.reply())).post("/api/v1/tickets/" + first + "/customer-replies")
                .then().statusCode(201);
        supervisor().body(Map.of("body", customer.agentReply())).post("/api/v1/tickets/" + first + "/replies")
                .then().statusCode(201);
        supervisor().body("{\"priority\":\"URGENT\"}").patch("/api/v1/tickets/" + second).then().statusCode(200);
        supervisor().body("{\"status\":\"RESOLVED\"}").patch("/api/v1/tickets/" + second).then().statusCode(200);
        // A rating's comment is the customer's words, in its row and in the response its Idempotency-Key stores.
        String csatKey = "erasure-csat-" + UUID.randomUUID();
        Map<String, Object> csat = Map.of("rating", 2, "comment", customer.csatComment());
        platform().header("Idempotency-Key", csatKey).body(csat).post("/api/v1/tickets/" + second + "/csat")
                .then().statusCode(201);
        platform().body(Map.of("body", other.reply())).post("/api/v1/tickets/" + kept + "/customer-replies")
                .then().statusCode(201);

        try (TopicProbe ticketEvents = new TopicProbe(Topics.TICKET_EVENTS);
             TopicProbe customerErasures = new TopicProbe(Topics.CUSTOMER_ERASURES)) {
            // The events went out, and what the outbox keeps of them is history, not a queue.
            await().atMost(WAIT).until(() -> created(ticketEvents, first) != null && created(ticketEvents, second) != null);
            await().atMost(WAIT).until(() -> Db.count(db,
                    "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND event_key IN (?, ?)", first,
                    second) == 0);
            assertThat(created(ticketEvents, first).subject()).as("the customer's words stay out of events").isEmpty();
            assertThat(foundOf(customer.identifiers())).as("the search finds all of the customer before the erasure")
                    .containsExactlyInAnyOrderElementsOf(customer.identifiers());

            platform().post("/api/v1/customers/" + customer.id() + "/erasure").then().statusCode(403);
            JsonPath erased = as("dpo-1", Roles.ADMIN).post("/api/v1/customers/" + customer.id() + "/erasure")
                    .then().statusCode(200)
                    .body("ticketsErased", equalTo(2))
                    .body("requests", hasSize(1))
                    .body("requests[0].requestedBy", equalTo("dpo-1"))
                    .body("requests[0].tickets", containsInAnyOrder(first, second))
                    .body("requests[0].services.service", contains("ticket-service", "routing-service", "sla-service",
                            "notification-service"))
                    .body("requests[0].services.complete", contains(true, false, false, false))
                    .body("complete", equalTo(false))
                    .extract().jsonPath();
            String pseudonym = erased.getString("customerPseudonym");
            UUID erasureId = UUID.fromString(erased.getString("requests[0].id"));

            assertThat(DatabaseSearch.inTestDatabase(customer.identifiers()))
                    .as("nothing of the customer in any column of any table").isEmpty();
            List<String> othersData = List.of(other.id(), other.name(), other.email(), other.phone(), other.txId(),
                    other.amount(), other.externalReference(), other.subject(), other.description(), other.reply());
            assertThat(foundOf(othersData)).as("the other customer keeps everything")
                    .containsExactlyInAnyOrderElementsOf(othersData);
            assertThat(pseudonym).matches("erased-[0-9a-f]{32}").doesNotContain(customer.id());

            platform().get("/api/v1/tickets/" + first).then().statusCode(200)
                    .body("customer.id", equalTo(pseudonym))
                    .body("customer.contact", nullValue())
                    .body("subject", equalTo("[erased]"))
                    .body("crypto.txId", nullValue())
                    .body("crypto.asset", equalTo("USDT"))
                    .body("externalReference", nullValue())
                    .body("erasedAt", not(nullValue()));
            platform().get("/api/v1/tickets/" + first + "/history").then()
                    .body("action", contains("CREATED", "CUSTOMER_REPLIED", "AGENT_REPLIED", "ERASED"))
                    .body("actor[3]", equalTo("dpo-1"));
            // A retry of the creation replays the ticket as it is now, not the customer's data.
            String replay = platform().header("Idempotency-Key", idempotencyKey).body(customer.ticket())
                    .post("/api/v1/tickets").then().statusCode(201).header("Idempotent-Replayed", "true")
                    .body("id", equalTo(first)).extract().asString();
            assertThat(replay).contains("[erased]").doesNotContain(customer.name()).doesNotContain(customer.email());
            // So does a retry of the rating: the rating stays, the comment is erased.
            platform().header("Idempotency-Key", csatKey).body(csat).post("/api/v1/tickets/" + second + "/csat").then()
                    .statusCode(201).header("Idempotent-Replayed", "true")
                    .body("rating", equalTo(2)).body("comment", equalTo("[erased]"));
            supervisor().get("/api/v1/tickets/" + second + "/csat").then().statusCode(200)
                    .body("rating", equalTo(2)).body("comment", equalTo("[erased]"));

            // The others are told by pseudonym and request, per ticket, then about the customer.
            await().atMost(WAIT).until(() -> erasedEvent(ticketEvents, second) != null
                    && !customerErasures.withHeader("ce_subject", pseudonym).isEmpty());
            TicketErased ticketErased = erasedEvent(ticketEvents, second);
            assertThat(ticketErased.customerId()).isEqualTo(pseudonym);
            assertThat(ticketErased.erasureId()).isEqualTo(erasureId);
            CustomerErased customerErased = TestEventPublisher.decode(
                    customerErasures.withHeader("ce_subject", pseudonym).get(0).value(), CustomerErased.class);
            assertThat(customerErased.erasureId()).isEqualTo(erasureId);
            assertThat(customerErased.ticketIds()).containsExactlyInAnyOrder(UUID.fromString(first), UUID.fromString(second));

            // Again: nothing new to erase, the same record, nothing more told.
            as("dpo-2", Roles.ADMIN).post("/api/v1/customers/" + customer.id() + "/erasure").then().statusCode(200)
                    .body("ticketsErased", equalTo(0))
                    .body("requests", hasSize(1))
                    .body("requests[0].id", equalTo(erasureId.toString()))
                    .body("requests[0].requestedBy", equalTo("dpo-1"));
            assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type IN ('ticket-erased', "
                    + "'customer-erased') AND (event_key = ? OR event_key IN (?, ?))", pseudonym, first, second))
                    .isEqualTo(3);

            confirm(pseudonym, erasureId, List.of(first, second));
            await().atMost(WAIT).untilAsserted(() -> as("dpo-1", Roles.ADMIN)
                    .get("/api/v1/customers/" + customer.id() + "/erasure").then().statusCode(200)
                    .body("complete", equalTo(true))
                    .body("requests[0].services.ticketsConfirmed", contains(2, 2, 2, 2))
                    .body("requests[0].services.customerConfirmed", contains(true, true, true, true)));
            assertThat(DatabaseSearch.inTestDatabase(customer.identifiers())).isEmpty();
        }
    }

    @Test
    void aServicesRecordIsCompleteOnlyWithTheCustomerAndEveryTicketConfirmed() {
        Customer customer = Customer.distinctive();
        String ticket = TicketApi.createId(customer.ticket());
        JsonPath erased = as("dpo-1", Roles.ADMIN).post("/api/v1/customers/" + customer.id() + "/erasure")
                .then().statusCode(200).extract().jsonPath();
        String pseudonym = erased.getString("customerPseudonym");
        UUID erasureId = UUID.fromString(erased.getString("requests[0].id"));

        try (TestEventPublisher publisher = new TestEventPublisher()) {
            Instant now = Instant.now();
            publisher.publish(new ErasureConfirmed(pseudonym, erasureId, UUID.fromString(ticket), "routing-service", now));
            publisher.publish(new ErasureConfirmed(pseudonym, erasureId, null, "sla-service", now));
            // Not this request's: another ticket, another request, another customer's pseudonym.
            publisher.publish(new ErasureConfirmed(pseudonym, erasureId, UUID.randomUUID(), "sla-service", now));
            publisher.publish(new ErasureConfirmed(pseudonym, UUID.randomUUID(), null, "routing-service", now));
            publisher.publish(new ErasureConfirmed("erased-0", erasureId, null, "routing-service", now));
            publisher.publish(new ErasureConfirmed(pseudonym, erasureId, null, "notification-service", now));
        }
        await().atMost(WAIT).untilAsserted(() -> as("dpo-1", Roles.ADMIN)
                .get("/api/v1/customers/" + customer.id() + "/erasure").then().statusCode(200)
                .body("requests[0].services.ticketsConfirmed", contains(1, 1, 0, 0))
                .body("requests[0].services.customerConfirmed", contains(true, false, true, true))
                .body("requests[0].services.complete", contains(true, false, false, false))
                .body("complete", equalTo(false)));
    }

    @Test
    void aCustomerWithoutTicketsIsStillErasedEverywhereOnce() {
        String customer = "cust-no-tickets-" + UUID.randomUUID();
        try (TopicProbe customerErasures = new TopicProbe(Topics.CUSTOMER_ERASURES)) {
            as("dpo-1", Roles.ADMIN).get("/api/v1/customers/" + customer + "/erasure").then().statusCode(404);
            String pseudonym = as("dpo-1", Roles.ADMIN).post("/api/v1/customers/" + customer + "/erasure").then()
                    .statusCode(200).body("ticketsErased", equalTo(0)).body("requests[0].tickets", empty())
                    .extract().path("customerPseudonym");
            as("dpo-1", Roles.ADMIN).post("/api/v1/customers/" + customer + "/erasure").then().statusCode(200)
                    .body("requests", hasSize(1));

            // Other services may know them without a ticket (a contact): they are told, once.
            await().atMost(WAIT).until(() -> !customerErasures.withHeader("ce_subject", pseudonym).isEmpty());
            assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_key = ?", pseudonym)).isEqualTo(1);
        }
    }

    /** What the other services publish once they have erased their part (the platform's ErasureConfirmations). */
    private static void confirm(String pseudonym, UUID erasureId, List<String> tickets) {
        try (TestEventPublisher publisher = new TestEventPublisher()) {
            for (String service : OTHER_SERVICES) {
                for (String ticket : tickets) {
                    publisher.publish(new ErasureConfirmed(pseudonym, erasureId, UUID.fromString(ticket), service,
                            Instant.now()));
                }
                publisher.publish(new ErasureConfirmed(pseudonym, erasureId, null, service, Instant.now()));
            }
        }
    }

    /** Which of the strings occur anywhere in the service's database. */
    private static List<String> foundOf(List<String> needles) {
        return DatabaseSearch.inTestDatabase(needles).stream().map(hit -> hit.substring(hit.indexOf(": ") + 2))
                .distinct().toList();
    }

    private static TicketCreated created(TopicProbe probe, String ticket) {
        return event(probe, "ticket-created", ticket, TicketCreated.class);
    }

    private static TicketErased erasedEvent(TopicProbe probe, String ticket) {
        return event(probe, "ticket-erased", ticket, TicketErased.class);
    }

    private static <T extends ExDeskEvent> T event(TopicProbe probe, String type, String ticket,
                                                                  Class<T> payload) {
        return probe.withHeader("ce_type", type).stream().filter(r -> r.key().equals(ticket))
                .map(ConsumerRecord::value).findFirst().map(json -> TestEventPublisher.decode(json, payload))
                .orElse(null);
    }
}
