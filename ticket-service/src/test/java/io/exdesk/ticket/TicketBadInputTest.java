package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input is a problem+json 4xx that names what is wrong and writes nothing. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketBadInputTest {

    @Inject
    AgroalDataSource dataSource;

    private long ticketsBefore;
    private long outboxBefore;

    @BeforeEach
    void snapshot() {
        ticketsBefore = Db.count(dataSource, "SELECT count(*) FROM ticket");
        outboxBefore = Db.count(dataSource, "SELECT count(*) FROM outbox_event");
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket")).isEqualTo(ticketsBefore);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
    }

    @Test
    void malformedJson() {
        post("{\"customer\": {\"id\": ").statusCode(400)
                .body("type", equalTo("https://exdesk.io/problems/malformed-json"));
    }

    @Test
    void wrongType() {
        post(body("s", "d", "\"crypto\":{\"amount\":\"lots\"}")).statusCode(400)
                .body("errors[0].field", equalTo("crypto.amount"));
    }

    @Test
    void unknownEnumValue() {
        post(body("s", "d", "").replace("\"WEB\"", "\"CARRIER_PIGEON\"")).statusCode(400)
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].message", equalTo("must be one of CHAT, EMAIL, PHONE, SOCIAL, WEB, API"));
    }

    @Test
    void missingFields() {
        post("{\"channel\":\"WEB\"}").statusCode(400)
                .body("errors.field", hasItem("customer"))
                .body("errors.field", hasItem("subject"))
                .body("errors.field", hasItem("description"));
    }

    @Test
    void aNulCharacterWhichPostgresqlCannotStore() {
        post(body("before\\u0000after", "d", "")).statusCode(400)
                .body("errors[0].field", equalTo("subject"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
    }

    @Test
    void overLongAndInvalidFields() {
        post(body("x".repeat(201), "d", "").replace("ada@example.com", "not-an-email").replace("\"en\"", "\"english!\""))
                .statusCode(400)
                .body("errors.field", hasItem("subject"))
                .body("errors.field", hasItem("customer.contact.email"))
                .body("errors.field", hasItem("customer.language"));
    }

    @Test
    void negativeAmount() {
        post(body("s", "d", "\"crypto\":{\"amount\":-1}")).statusCode(400)
                .body("errors[0].field", equalTo("crypto.amount"));
    }

    @Test
    void bodyOverTheLimit() {
        post(body("s", "x".repeat(1_100_000), "")).statusCode(413)
                .body("type", equalTo("https://exdesk.io/problems/payload-too-large"));
    }

    @Test
    void wrongContentType() {
        platform().contentType("text/plain").body("hello").post("/api/v1/tickets")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownAndMalformedIds() {
        supervisor().get("/api/v1/tickets/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        supervisor().get("/api/v1/tickets/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        supervisor().body("{\"priority\":\"HIGH\"}").patch("/api/v1/tickets/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void invalidListParameters() {
        supervisor().get("/api/v1/tickets?cursor=garbage").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        supervisor().get("/api/v1/tickets?status=SLEEPING").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        supervisor().get("/api/v1/tickets?createdFrom=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("createdFrom"));
        supervisor().get("/api/v1/tickets?limit=0").then().statusCode(400);
        supervisor().get("/api/v1/tickets?limit=101").then().statusCode(400);
    }

    @Test
    void emptyPatchAndUnknownStatus() {
        supervisor().body("{}").patch("/api/v1/tickets/" + UUID.randomUUID()).then().statusCode(400);
        supervisor().body("{\"status\":\"SLEEPING\"}").patch("/api/v1/tickets/" + UUID.randomUUID())
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    private ValidatableResponse post(String json) {
        return platform().body(json).post("/api/v1/tickets").then().contentType("application/problem+json");
    }
}
