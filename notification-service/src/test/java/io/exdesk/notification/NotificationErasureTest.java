package io.exdesk.notification;

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
import io.exdesk.events.Topics;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A customer's erasure as ticket-service publishes it (their pseudonym under the deployment's key, a
 * ticket-erased per ticket, then customer-erased), after their contact was saved through the API and their
 * tickets' events were delivered by real e-mail: afterwards no column of any table of the service's database
 * holds the customer's id, address or words, also for a customer known only by their contact; each part is
 * confirmed; a repeated erasure changes nothing; another customer keeps everything.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class NotificationErasureTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The deployment's pseudonyms, shared with ticket-service (the same key, the same derivation). */
    @Inject
    CustomerPseudonyms pseudonyms;

    @Test
    void oneErasureLeavesNothingOfTheCustomerAndIsConfirmed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cust-" + tag;
        String address = "oriel." + tag + "@vantablack.test";
        String contactOnly = "cust-contact-only-" + tag;
        String contactOnlyAddress = "quimby." + tag + "@vantablack.test";
        String other = "cust-other-" + tag;
        String otherAddress = "kept." + tag + "@vantablack.test";
        String words = "Zorblax" + tag + " drained my wallet";
        for (Map.Entry<String, String> contact : Map.of(customer, address, contactOnly, contactOnlyAddress,
                other, otherAddress).entrySet()) {
            as(Roles.PLATFORM).body(Map.of("email", contact.getValue(), "language", "en"))
                    .put("/api/v1/contacts/customers/" + contact.getKey()).then().statusCode(200);
        }
        UUID vipTicket = UUID.randomUUID();
        UUID olderTicket = UUID.randomUUID();
        UUID othersTicket = UUID.randomUUID();
        // As ticket-service publishes a creation now (subject withheld), and as it did before (with the subject).
        publisher.publish(created(vipTicket, ticketNumber(), CustomerTier.VIP, true, customer, "en"));
        publisher.publish(new TicketCreated(olderTicket, 1, now(), ticketNumber(), Priority.HIGH, Category.SECURITY,
                Channel.WEB, "en", customer, CustomerTier.STANDARD, words, true, now()));
        publisher.publish(created(othersTicket, ticketNumber(), CustomerTier.STANDARD, true, other, "en"));
        await().atMost(WAIT).until(() -> mail.to(address).size() == 2 && mail.to(otherAddress).size() == 1
                && deliveries(vipTicket).size() == 2
                && deliveries(vipTicket).stream().allMatch(d -> "SENT".equals(d.get("status"))));

        List<String> theirs = List.of(customer, address, contactOnly, contactOnlyAddress);
        assertThat(found(theirs)).as("the search finds the customers before the erasure")
                .containsExactlyInAnyOrderElementsOf(theirs);
        assertThat(found(List.of(words))).as("a subject is never stored").isEmpty();

        try (TopicProbe confirmations = new TopicProbe(Topics.ERASURE_CONFIRMATIONS)) {
            String pseudonym = pseudonyms.of(customer);
            String contactOnlyPseudonym = pseudonyms.of(contactOnly);
            Map<UUID, Long> erased = new LinkedHashMap<>();
            erased.put(vipTicket, 2L);
            erased.put(olderTicket, 3L);
            List<ExDeskEvent> events = new ArrayList<>(
                    CustomerErased.announce(pseudonym, UUID.randomUUID(), erased, now()));
            events.addAll(CustomerErased.announce(contactOnlyPseudonym, UUID.randomUUID(), Map.of(), now()));
            events.forEach(publisher::publish);

            await().atMost(WAIT).until(() -> confirmed(confirmations, pseudonym).equals(
                    Set.of(vipTicket.toString(), olderTicket.toString(), "customer"))
                    && confirmed(confirmations, contactOnlyPseudonym).equals(Set.of("customer")));
            assertThat(DatabaseSearch.inTestDatabase(theirs)).as("nothing of either customer, anywhere").isEmpty();
            assertThat(found(List.of(other, otherAddress))).as("the other customer keeps everything")
                    .containsExactlyInAnyOrder(other, otherAddress);
            as(Roles.ADMIN).get("/api/v1/contacts/customers/" + customer).then().statusCode(404);
            as(Roles.ADMIN).get("/api/v1/contacts/customers/" + contactOnly).then().statusCode(404);
            as(Roles.ADMIN).get("/api/v1/contacts/customers/" + other).then().statusCode(200);
            // What went to the VIP desk names no customer, and stays; what went to the customer shows only that it did.
            assertThat(deliveries(vipTicket)).anySatisfy(d -> assertThat(d)
                    .containsEntry("recipient", "channel:vip-desk").containsKey("subject"));
            assertThat(deliveries(vipTicket)).anySatisfy(d -> assertThat(d)
                    .containsEntry("recipient", "customer:erased").containsEntry("status", "SENT")
                    .doesNotContainKeys("address", "subject"));

            // The same erasure again (redelivered, or published anew) finds nothing and changes nothing.
            events.forEach(publisher::publish);
            await().atMost(WAIT).until(() -> confirmations.withHeader("ce_subject", pseudonym).size() == 6);
            assertThat(DatabaseSearch.inTestDatabase(theirs)).isEmpty();
            assertThat(found(List.of(other, otherAddress))).containsExactlyInAnyOrder(other, otherAddress);
        }
    }

    /** Which of the strings occur anywhere in the service's database. */
    private static List<String> found(List<String> needles) {
        return DatabaseSearch.inTestDatabase(needles).stream().map(hit -> hit.substring(hit.indexOf(": ") + 2))
                .distinct().toList();
    }

    /** The tickets (or "customer") notification-service confirmed for this pseudonym. */
    private static Set<String> confirmed(TopicProbe probe, String pseudonym) {
        return probe.withHeader("ce_subject", pseudonym).stream()
                .map(r -> TestEventPublisher.decode(r.value(), ErasureConfirmed.class))
                .filter(c -> c.service().equals("notification-service"))
                .map(c -> c.ticketId() == null ? "customer" : c.ticketId().toString())
                .collect(Collectors.toSet());
    }
}
