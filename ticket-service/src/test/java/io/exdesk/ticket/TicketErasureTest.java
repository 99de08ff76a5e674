package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.exdesk.events.TicketErased;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasure removes personal data from every ticket of a customer, keeps the audit trail's shape, and tells the others. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketErasureTest {

    @Test
    void erasureAnonymisesEveryTicketOfTheCustomer() {
        String customer = "cust-erase-" + UUID.randomUUID();
        String request = TicketApi.body("My account 张三", "Call me on +44 20 7946 0000",
                "\"category\":\"GENERAL\",\"priority\":\"LOW\"").replaceFirst("cust-[0-9a-f-]+", customer);
        String first = TicketApi.createId(request);
        String second = TicketApi.createId(request);
        String other = TicketApi.createId(TicketApi.body("Someone else", "keep me", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        platform().body("{\"body\":\"my email is ada@example.com\"}").post("/api/v1/tickets/" + first + "/customer-replies")
                .then().statusCode(201);
        supervisor().body("{\"priority\":\"HIGH\"}").patch("/api/v1/tickets/" + first).then().statusCode(200);

        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            platform().post("/api/v1/customers/" + customer + "/erasure").then().statusCode(403);
            as("admin-1", Roles.ADMIN).post("/api/v1/customers/" + customer + "/erasure")
                    .then().statusCode(200).body("ticketsErased", equalTo(2));
            as("admin-1", Roles.ADMIN).post("/api/v1/customers/" + customer + "/erasure")
                    .then().statusCode(200).body("ticketsErased", equalTo(0));

            platform().get("/api/v1/tickets/" + first).then().statusCode(200)
                    .body("subject", equalTo("[erased]"))
                    .body("description", equalTo("[erased]"))
                    .body("customer.id", startsWith("erased-"))
                    .body("customer.contact", nullValue())
                    .body("erasedAt", not(nullValue()));
            platform().get("/api/v1/tickets/" + first + "/messages").then().body("body[0]", equalTo("[erased]"));
            platform().get("/api/v1/tickets/" + first + "/history").then()
                    .body("action", org.hamcrest.Matchers.contains("CREATED", "CUSTOMER_REPLIED", "PRIORITY_CHANGED", "ERASED"));
            platform().get("/api/v1/tickets/" + other).then().body("subject", equalTo("Someone else"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.withHeader("ce_type", "ticket-erased").stream()
                    .filter(r -> r.key().equals(second)).toList().isEmpty());
            TicketErased erased = TestEventPublisher.decode(probe.withHeader("ce_type", "ticket-erased").stream()
                    .filter(r -> r.key().equals(second)).findFirst().orElseThrow().value(), TicketErased.class);
            assertThat(erased.customerId()).startsWith("erased-").doesNotContain(customer);
        }
    }
}
