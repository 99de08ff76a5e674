package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.ErasureReason;
import io.exdesk.events.TicketErased;
import io.exdesk.events.Topics;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestClock;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.exdesk.ticket.TicketErasureTest.Customer;
import io.exdesk.ticket.service.RetentionRun;
import io.exdesk.ticket.service.TicketRetention;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Retention through the real API, database and broker, with the application's clock moved years ahead: a
 * ticket closed longer than the ticket period is anonymised (nothing of its customer in any column of any
 * table), one closed longer than the contact period loses its contact data only, and recently closed, resolved
 * and open tickets keep everything; the other services are told by ticket-erased (reason RETENTION); the
 * metric and the audit entry count it; a second run changes nothing. Its own application (the scheduled job
 * off, batches of two), since moving time years ahead would reach every other test class.
 */
@QuarkusTest
@TestProfile(TicketRetentionTest.ManualRuns.class)
@WithTestResource(ExDeskTestResources.class)
class TicketRetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Runs only when the test calls one; two tickets per transaction so that a run needs several. */
    public static class ManualRuns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticket.retention.every", "off", "ticket.retention.batch-size", "2");
        }
    }

    @Inject
    TestClock clock;

    @Inject
    TicketRetention retention;

    @Inject
    CustomerPseudonyms pseudonyms;

    @Inject
    AgroalDataSource db;

    @Test
    void closedTicketsLoseContactDataThenPersonalDataAndNothingElseIsTouched() {
        Customer longClosed = Customer.distinctive();
        Customer contactExpired = Customer.distinctive();
        Customer recentlyClosed = Customer.distinctive();
        Customer resolved = Customer.distinctive();
        Customer open = Customer.distinctive();

        String longClosedTicket = TicketApi.createId(longClosed.ticket());
        platform().body(Map.of("body", longClosed.reply()))
                .post("/api/v1/tickets/" + longClosedTicket + "/customer-replies").then().statusCode(201);
        supervisor().body(Map.of("body", longClosed.agentReply()))
                .post("/api/v1/tickets/" + longClosedTicket + "/replies").then().statusCode(201);
        status(longClosedTicket, "CLOSED");
        rate(longClosedTicket, longClosed);
        String resolvedTicket = TicketApi.createId(resolved.ticket());
        status(resolvedTicket, "RESOLVED");
        rate(resolvedTicket, resolved);
        String openTicket = TicketApi.createId(open.ticket());

        clock.advance(Duration.ofDays(3 * 365));
        String contactExpiredTicket = TicketApi.createId(contactExpired.ticket());
        status(contactExpiredTicket, "CLOSED");

        clock.advance(Duration.ofDays(2 * 365 + 10));
        String recentTicket = TicketApi.createId(recentlyClosed.ticket());
        status(recentTicket, "CLOSED");

        List<String> contactData = List.of(contactExpired.name(), contactExpired.email(), contactExpired.phone());
        List<String> contactExpiredKept = List.of(contactExpired.id(), contactExpired.subject(),
                contactExpired.description(), contactExpired.txId(), contactExpired.externalReference());
        List<String> untouched = new java.util.ArrayList<>(recentlyClosed.identifiers());
        untouched.addAll(resolved.identifiers());
        untouched.addAll(open.identifiers());
        untouched.removeAll(List.of(recentlyClosed.reply(), recentlyClosed.agentReply(), recentlyClosed.csatComment(),
                resolved.reply(), resolved.agentReply(), open.reply(), open.agentReply(), open.csatComment()));
        assertThat(found(longClosed.identifiers())).containsExactlyInAnyOrderElementsOf(longClosed.identifiers());
        double contactCounted = counted("contact_data_erased");
        double anonymisedCounted = counted("anonymised");

        try (TopicProbe ticketEvents = new TopicProbe(Topics.TICKET_EVENTS)) {
            RetentionRun run = retention.run();

            // Tickets of other test classes closed in real time are years old now too: at least ours.
            assertThat(run.contactDataErased()).isGreaterThanOrEqualTo(2);
            assertThat(run.ticketsAnonymised()).isGreaterThanOrEqualTo(1);
            assertThat(DatabaseSearch.inTestDatabase(longClosed.identifiers()))
                    .as("nothing of the long-closed ticket's customer in any column of any table").isEmpty();
            assertThat(DatabaseSearch.inTestDatabase(contactData)).as("the contact data is gone").isEmpty();
            assertThat(found(contactExpiredKept)).as("the rest of the record stays until the ticket period")
                    .containsExactlyInAnyOrderElementsOf(contactExpiredKept);
            assertThat(found(untouched)).as("recently closed, resolved and open tickets keep everything")
                    .containsExactlyInAnyOrderElementsOf(untouched);

            platform().get("/api/v1/tickets/" + longClosedTicket).then().statusCode(200)
                    .body("customer.id", equalTo(TicketRetention.ANONYMISED))
                    .body("customer.contact", nullValue())
                    .body("subject", equalTo("[erased]"))
                    .body("crypto.asset", equalTo("USDT"))
                    .body("category", equalTo("WITHDRAWAL"))
                    .body("status", equalTo("CLOSED"))
                    .body("erasedAt", not(nullValue()));
            platform().get("/api/v1/tickets/" + longClosedTicket + "/history").then()
                    .body("action", contains("CREATED", "CUSTOMER_REPLIED", "AGENT_REPLIED", "STATUS_CHANGED",
                            "CSAT_SUBMITTED", "CONTACT_DATA_ERASED", "ANONYMISED"))
                    .body("actor[6]", equalTo(TicketRetention.ACTOR));
            platform().get("/api/v1/tickets/" + longClosedTicket + "/csat").then().statusCode(200)
                    .body("rating", equalTo(3)).body("comment", equalTo("[erased]"));
            platform().get("/api/v1/tickets/" + contactExpiredTicket).then().statusCode(200)
                    .body("customer.id", equalTo(contactExpired.id()))
                    .body("customer.contact", nullValue())
                    .body("subject", equalTo(contactExpired.subject()))
                    .body("erasedAt", nullValue());
            platform().get("/api/v1/tickets/" + recentTicket).then().statusCode(200)
                    .body("customer.contact.email", equalTo(recentlyClosed.email()));

            // The other services are told, by pseudonym, with no request to confirm; of no other ticket.
            await().atMost(WAIT).until(() -> erasedEvent(ticketEvents, longClosedTicket) != null
                    && erasedEvent(ticketEvents, contactExpiredTicket) != null);
            TicketErased told = erasedEvent(ticketEvents, contactExpiredTicket);
            assertThat(told.reason()).isEqualTo(ErasureReason.RETENTION);
            assertThat(told.customerId()).isEqualTo(pseudonyms.of(contactExpired.id()));
            assertThat(told.erasureId()).isNull();
            assertThat(erasedEvent(ticketEvents, longClosedTicket).customerId())
                    .isEqualTo(pseudonyms.of(longClosed.id()));
            for (String kept : List.of(recentTicket, resolvedTicket, openTicket)) {
                assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'ticket-erased' "
                        + "AND event_key = ?", kept)).as("no ticket-erased for %s", kept).isZero();
            }

            assertThat(counted("contact_data_erased") - contactCounted).isEqualTo(run.contactDataErased());
            assertThat(counted("anonymised") - anonymisedCounted).isEqualTo(run.ticketsAnonymised());
            as("dpo-1", Roles.ADMIN).get("/api/v1/retention/runs?limit=1").then().statusCode(200)
                    .body("items[0].id", equalTo(run.id().toString()))
                    .body("items[0].contactDataErased", equalTo(run.contactDataErased()))
                    .body("items[0].ticketsAnonymised", equalTo(run.ticketsAnonymised()));

            // Again: nothing is due, nothing changes, and the run is recorded as such.
            long versions = versions(longClosedTicket, contactExpiredTicket, recentTicket, resolvedTicket, openTicket);
            RetentionRun again = retention.run();
            assertThat(again.contactDataErased()).isZero();
            assertThat(again.ticketsAnonymised()).isZero();
            assertThat(versions(longClosedTicket, contactExpiredTicket, recentTicket, resolvedTicket, openTicket))
                    .isEqualTo(versions);
            assertThat(found(untouched)).containsExactlyInAnyOrderElementsOf(untouched);
            assertThat(counted("contact_data_erased") - contactCounted).isEqualTo(run.contactDataErased());
            String cursor = as("dpo-1", Roles.ADMIN).get("/api/v1/retention/runs?limit=1").then().statusCode(200)
                    .body("items[0].id", equalTo(again.id().toString()))
                    .body("items[0].contactDataErased", equalTo(0))
                    .extract().path("nextCursor");
            as("dpo-1", Roles.ADMIN).get("/api/v1/retention/runs?limit=1&cursor=" + cursor).then().statusCode(200)
                    .body("items.id", hasItem(run.id().toString()));
        }
    }

    @Test
    void theAuditIsForAdminsAndBadRequestsAreProblems() {
        supervisor().get("/api/v1/retention/runs").then().statusCode(403);
        platform().get("/api/v1/retention/runs").then().statusCode(403);
        as("dpo-1", Roles.ADMIN).get("/api/v1/retention/runs?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        as("dpo-1", Roles.ADMIN).get("/api/v1/retention/runs?limit=101").then().statusCode(400)
                .contentType("application/problem+json");
        as("dpo-1", Roles.ADMIN).get("/api/v1/retention/runs?cursor=bm90LWEtY3Vyc29y").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("cursor"));
    }

    private static void rate(String ticket, Customer customer) {
        platform().body(Map.of("rating", 3, "comment", customer.csatComment()))
                .post("/api/v1/tickets/" + ticket + "/csat").then().statusCode(201);
    }

    private static void status(String ticket, String status) {
        supervisor().body(Map.of("status", status)).patch("/api/v1/tickets/" + ticket).then().statusCode(200);
    }

    private long versions(String... tickets) {
        long sum = 0;
        for (String ticket : tickets) {
            sum += Db.count(db, "SELECT version FROM ticket WHERE id = ?::uuid", ticket);
        }
        return sum;
    }

    private static double counted(String action) {
        return Metrics.scrape().value("retention_tickets_total", "action", action);
    }

    /** Which of the strings occur anywhere in the service's database. */
    private static List<String> found(List<String> needles) {
        return DatabaseSearch.inTestDatabase(needles).stream().map(hit -> hit.substring(hit.indexOf(": ") + 2))
                .distinct().toList();
    }

    private static TicketErased erasedEvent(TopicProbe probe, String ticket) {
        return probe.withHeader("ce_type", "ticket-erased").stream().filter(r -> Objects.equals(r.key(), ticket))
                .map(r -> TestEventPublisher.decode(r.value(), TicketErased.class)).findFirst().orElse(null);
    }
}
