package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.ErasureReason;
import io.exdesk.events.TicketErased;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ticket-service's retention of closed tickets as it publishes it (ticket-erased, reason RETENTION, the
 * customer's pseudonym, no erasure request), after the tickets' creations went out by real e-mail: each
 * retained ticket's deliveries to its customer lose address and text, and the customer's contact goes only
 * with their last ticket here and only if the platform has not saved it since; another ticket of the same
 * customer keeps everything, and nothing is confirmed, since no erasure request waits for it.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class NotificationRetentionTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CustomerPseudonyms pseudonyms;

    @Test
    void aRetainedTicketLosesItsCustomersDataAndTheContactGoesOnlyWithTheirLastTicket() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String active = "cust-active-" + tag;
        String activeAddress = "ilse." + tag + "@retained.test";
        String gone = "cust-gone-" + tag;
        String goneAddress = "borrow." + tag + "@retained.test";
        String refreshed = "cust-refreshed-" + tag;
        String refreshedAddress = "nell." + tag + "@retained.test";
        for (Map.Entry<String, String> contact : Map.of(active, activeAddress, gone, goneAddress,
                refreshed, refreshedAddress).entrySet()) {
            saveContact(contact.getKey(), contact.getValue());
        }
        UUID activeOld = UUID.randomUUID();
        UUID activeOpen = UUID.randomUUID();
        UUID goneOnly = UUID.randomUUID();
        UUID refreshedOnly = UUID.randomUUID();
        // A redacted secret owes the customer a scam warning by e-mail: a delivery holding their address.
        publisher.publish(created(activeOld, ticketNumber(), CustomerTier.STANDARD, true, active, "en"));
        publisher.publish(created(activeOpen, ticketNumber(), CustomerTier.STANDARD, true, active, "en"));
        publisher.publish(created(goneOnly, ticketNumber(), CustomerTier.STANDARD, true, gone, "en"));
        publisher.publish(created(refreshedOnly, ticketNumber(), CustomerTier.STANDARD, true, refreshed, "en"));
        await().atMost(WAIT).until(() -> mail.to(activeAddress).size() == 2 && mail.to(goneAddress).size() == 1
                && mail.to(refreshedAddress).size() == 1);
        // The platform saves this customer's contact again after the ticket: it is current, not the ticket's.
        saveContact(refreshed, refreshedAddress);
        assertThat(found(List.of(gone, goneAddress))).containsExactlyInAnyOrder(gone, goneAddress);

        for (UUID ticket : List.of(activeOld, goneOnly, refreshedOnly)) {
            String customer = ticket == activeOld ? active : ticket == goneOnly ? gone : refreshed;
            publisher.publish(retained(ticket, customer));
        }

        await().atMost(WAIT).until(() -> List.of(activeOld, goneOnly, refreshedOnly).stream()
                .allMatch(ticket -> deliveries(ticket).stream().anyMatch(d -> "customer:erased".equals(d.get("recipient")))));
        await().atMost(WAIT).until(() -> as(Roles.ADMIN).get("/api/v1/contacts/customers/" + gone).statusCode() == 404);
        assertThat(DatabaseSearch.inTestDatabase(List.of(gone, goneAddress, pseudonyms.of(gone))))
                .as("nothing of a customer whose only ticket was retained, and no confirmation naming them").isEmpty();
        for (UUID ticket : List.of(activeOld, goneOnly, refreshedOnly)) {
            assertThat(deliveries(ticket)).filteredOn(d -> "EMAIL".equals(d.get("channel"))
                            && String.valueOf(d.get("recipient")).startsWith("customer:"))
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d).containsEntry("recipient", "customer:erased")
                            .containsEntry("status", "SENT").doesNotContainKeys("address", "subject"));
        }
        as(Roles.ADMIN).get("/api/v1/contacts/customers/" + active).then().statusCode(200);
        as(Roles.ADMIN).get("/api/v1/contacts/customers/" + refreshed).then().statusCode(200);
        assertThat(deliveries(activeOpen)).anySatisfy(d -> assertThat(d)
                .containsEntry("recipient", "customer:" + active).containsEntry("address", activeAddress));
        assertThat(DatabaseSearch.inTestDatabase(List.of(pseudonyms.of(active)))).as("only the contact's own pseudonym")
                .hasSize(1);

        // Redelivered: the same outcome.
        publisher.publish(retained(activeOld, active));
        publisher.publish(retained(goneOnly, gone));
        await().atMost(WAIT).during(Duration.ofSeconds(2)).until(() ->
                as(Roles.ADMIN).get("/api/v1/contacts/customers/" + active).statusCode() == 200
                        && DatabaseSearch.inTestDatabase(List.of(gone, goneAddress)).isEmpty());
    }

    private static void saveContact(String customer, String address) {
        as(Roles.PLATFORM).body(Map.of("email", address, "language", "en"))
                .put("/api/v1/contacts/customers/" + customer).then().statusCode(200);
    }

    /** As ticket-service's retention publishes it: the customer only as their pseudonym, no erasure request. */
    private TicketErased retained(UUID ticket, String customer) {
        return new TicketErased(ticket, 5, now(), pseudonyms.of(customer), null, ErasureReason.RETENTION);
    }

    /** Which of the strings occur anywhere in the service's database. */
    private static List<String> found(List<String> needles) {
        return DatabaseSearch.inTestDatabase(needles).stream().map(hit -> hit.substring(hit.indexOf(": ") + 2))
                .distinct().toList();
    }
}
