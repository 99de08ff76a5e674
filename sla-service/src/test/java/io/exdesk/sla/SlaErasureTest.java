package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerErased;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.ErasureConfirmed;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketErased;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SLA state keeps nothing of a customer, and sla-service says so for every erasure: clocks run for tickets
 * whose events carry the customer's id (and, as ticket-service published them before it withheld it, the
 * subject), yet no column of any table of its database holds either; every erased ticket and the customer
 * are confirmed, a repeated erasure changes nothing, and the clocks of the erased tickets keep running.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class SlaErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** ticket-service's key is a deployment secret sla-service never has; any key derives the pseudonym the same way. */
    private static final byte[] TICKET_SERVICE_KEY = "ticket-service's key, which sla never sees, 32+"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void slaStateHoldsNothingOfTheCustomerAndTheirErasureIsConfirmed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cust-" + tag;
        String words = "Zorblax" + tag + " drained my wallet";
        try (TestEventPublisher publisher = new TestEventPublisher();
             TopicProbe confirmations = new TopicProbe(Topics.ERASURE_CONFIRMATIONS)) {
            // As ticket-service publishes a creation now (subject withheld), and as it did before (with the subject).
            TicketCreated current = created(customer, "");
            TicketCreated older = created(customer, words);
            TicketCreated othersTicket = created("cust-other-" + tag, "");
            List.of(current, older, othersTicket).forEach(publisher::publish);
            await().atMost(WAIT).until(() -> clocks(current) == 2 && clocks(older) == 2 && clocks(othersTicket) == 2);

            List<String> theirs = List.of(customer, words);
            assertThat(DatabaseSearch.inTestDatabase(theirs)).as("sla-service never stores them").isEmpty();
            assertThat(DatabaseSearch.inTestDatabase(List.of(current.ticketNumber())))
                    .as("the search sees sla-service's tables").isNotEmpty();

            String pseudonym = TicketErased.pseudonymOf(customer, TICKET_SERVICE_KEY);
            Map<UUID, Long> erased = new LinkedHashMap<>();
            erased.put(current.ticketId(), 2L);
            erased.put(older.ticketId(), 2L);
            List<ExDeskEvent> events = CustomerErased.announce(pseudonym, UUID.randomUUID(), erased, Instant.now());
            events.forEach(publisher::publish);

            await().atMost(WAIT).until(() -> confirmed(confirmations, pseudonym).equals(
                    Set.of(current.ticketId().toString(), older.ticketId().toString(), "customer")));
            assertThat(DatabaseSearch.inTestDatabase(theirs)).isEmpty();

            // The same erasure again (redelivered, or published anew) changes nothing; the clocks still run.
            events.forEach(publisher::publish);
            await().atMost(WAIT).until(() -> confirmed(confirmations, pseudonym).size() == 3
                    && confirmations.withHeader("ce_subject", pseudonym).size() == 6);
            assertThat(DatabaseSearch.inTestDatabase(theirs)).isEmpty();
            assertThat(clocks(current)).isEqualTo(2);
            assertThat(clocks(othersTicket)).isEqualTo(2);
        }
    }

    private static TicketCreated created(String customer, String subject) {
        Instant now = Instant.now();
        return new TicketCreated(UUID.randomUUID(), 1, now, "EXD-" + System.nanoTime() % 1_000_000_000, Priority.LOW,
                Category.GENERAL, Channel.WEB, "en", customer, CustomerTier.STANDARD, subject, false, now);
    }

    /** How many running clocks sla-service shows for the ticket (0 before it has seen it). */
    private static int clocks(TicketCreated ticket) {
        var response = given().auth().oauth2(TestTokens.forRole(Roles.OPS))
                .get("/api/v1/sla/tickets/" + ticket.ticketId());
        return response.statusCode() == 404 ? 0 : response.then().statusCode(200).extract().path("clocks.size()");
    }

    /** The tickets (or "customer") sla-service confirmed for this pseudonym. */
    private static Set<String> confirmed(TopicProbe probe, String pseudonym) {
        return probe.withHeader("ce_subject", pseudonym).stream()
                .map(r -> TestEventPublisher.decode(r.value(), ErasureConfirmed.class))
                .filter(c -> c.service().equals("sla-service"))
                .map(c -> c.ticketId() == null ? "customer" : c.ticketId().toString())
                .collect(Collectors.toSet());
    }
}
