package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.ADMIN;
import static io.exdesk.systemtests.Users.SUPERVISOR;
import static io.exdesk.systemtests.Users.TICKETS;
import static io.exdesk.systemtests.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.systemtests.Users.Agent;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskProcesses;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: a customer asks to be forgotten. After their tickets went through every service (routed,
 * clocked, e-mailed, answered), one erasure request through ticket-service removes their personal data
 * from every service: no column of any table of the four databases holds any of it, the erasure record
 * is complete, and another customer's data is untouched.
 */
@Order(8)
class CustomerErasureTest {

    private static final String ERASED = "s8-customer-zyxq";
    private static final String KEPT = "s8-customer-kept";

    @Test
    void aCustomersPersonalDataDisappearsFromEveryService() throws Exception {
        ExDeskProcesses exdesk = RunningExDesk.get();
        // Dutch: no other scenario's agent can take these tickets.
        Agent agent = Users.register(new Agent("s8-agent", "L1", "s8-team", List.of("WITHDRAWAL", "SECURITY"),
                List.of("nl"), 10, true, "ONLINE"));
        Map<String, String> erased = Map.of(
                "id", ERASED,
                "name", "Quirinus Vlothenbarg",
                "email", "quirinus.vlothenbarg@customers.exdesk.test",
                "phone", "+31 20 555 0199",
                "externalReference", "s8-ext-vlothenbarg",
                "subject", "Opname Vlothenbarg vertraagd",
                "reply", "Groeten van Quirinus uit Zwolle-Vlothenbarg");
        Map<String, String> kept = Map.of("id", KEPT, "email", "kept.customer@customers.exdesk.test",
                "externalReference", "s8-ext-kept-customer");

        // The exchange registers where its customers are reached, then opens their tickets.
        Users.registerCustomerContact(ERASED, erased.get("email"), "en");
        Users.registerCustomerContact(KEPT, kept.get("email"), "en");
        List<String> tickets = new ArrayList<>();
        tickets.add(open(erased, "Mijn opname van 0.3 ETH staat al een dag op verwerken."));
        // A password pasted: the customer is warned by e-mail at their address, which the erasure must reach too.
        tickets.add(open(erased, "Mijn opname lukt niet. My password is Vlothen-8842!x and I cannot log in."));
        String keptTicket = open(kept, "Mijn opname staat op verwerken.");
        tickets.forEach(id -> await("assigned").atMost(Duration.ofSeconds(60))
                .until(() -> Users.ticketView(id).getString("assigneeId"), agent.id()::equals));
        as(Users.PLATFORM, TICKETS).body(Map.of("body", erased.get("reply")))
                .post("/api/v1/tickets/" + tickets.get(0) + "/customer-replies").then().statusCode(201);
        await("the scam warning e-mailed to the customer").atMost(Duration.ofSeconds(60))
                .until(() -> !Users.emailsTo(erased.get("email")).isEmpty());
        // The customer's data is in every service that keeps any of it before the erasure.
        assertThat(search(exdesk, "ticket-service", erased.values())).isNotEmpty();
        assertThat(search(exdesk, "notification-service", erased.values())).isNotEmpty();

        JsonPath requested = as(ADMIN, TICKETS).post("/api/v1/customers/" + ERASED + "/erasure").then()
                .statusCode(200).extract().jsonPath();
        assertThat(requested.getInt("ticketsErased")).isEqualTo(2);
        JsonPath record = await("every service confirmed its part").atMost(Duration.ofSeconds(60))
                .until(() -> as(ADMIN, TICKETS).get("/api/v1/customers/" + ERASED + "/erasure").then().statusCode(200)
                        .extract().jsonPath(), view -> view.getBoolean("complete"));
        assertThat(record.getList("requests[0].services.service")).containsExactlyInAnyOrder("ticket-service",
                "routing-service", "sla-service", "notification-service");

        for (String service : exdesk.names()) {
            assertThat(search(exdesk, service, erased.values())).as("the erased customer in " + service).isEmpty();
        }
        assertThat(search(exdesk, "ticket-service", kept.values())).as("the other customer is kept")
                .anyMatch(hit -> hit.endsWith(KEPT)).anyMatch(hit -> hit.endsWith(kept.get("email")));
        assertThat(search(exdesk, "notification-service", List.of(kept.get("email")))).isNotEmpty();

        // The tickets stay, without the customer.
        JsonPath ticket = as(SUPERVISOR, TICKETS).get("/api/v1/tickets/" + tickets.get(0)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(ticket.getString("erasedAt")).isNotNull();
        assertThat(ticket.prettify()).doesNotContain(erased.get("name"), erased.get("email"), erased.get("subject"));
        tickets.forEach(Users::close);
        Users.close(keptTicket);
    }

    private static String open(Map<String, String> customer, String description) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("email", customer.get("email"));
        if (customer.containsKey("name")) {
            contact.put("name", customer.get("name"));
            contact.put("phone", customer.get("phone"));
        }
        Map<String, Object> request = Users.ticket(customer.get("id"), "VIP", "nl",
                customer.getOrDefault("subject", "Opname vertraagd"), description);
        request.put("customer", Map.of("id", customer.get("id"), "tier", "VIP", "language", "nl", "contact", contact));
        request.put("category", "WITHDRAWAL");
        request.put("priority", "NORMAL");
        request.put("externalReference", customer.get("externalReference"));
        return Users.openTicket(request).getString("id");
    }

    private static List<String> search(ExDeskProcesses exdesk, String service, java.util.Collection<String> needles)
            throws Exception {
        try (Connection connection = exdesk.connect(service)) {
            return DatabaseSearch.occurrences(connection, needles);
        }
    }
}
