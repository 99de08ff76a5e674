package io.exdesk.ticket;

import static io.restassured.RestAssured.given;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.TestTokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Test helpers that talk to the ticket API as the platform, an agent or a supervisor would. */
final class TicketApi {

    static final String PLATFORM = "exchange-a";

    private TicketApi() {
    }

    static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(TestTokens.of(subject, role)).contentType("application/json");
    }

    static RequestSpecification platform() {
        return as(PLATFORM, Roles.PLATFORM);
    }

    static RequestSpecification supervisor() {
        return as("supervisor-1", Roles.SUPERVISOR);
    }

    /** A valid request body; {@code extra} is spliced in as further JSON members. */
    static String body(String subject, String description, String extra) {
        return """
                {"customer":{"id":"cust-%s","tier":"STANDARD","language":"en",
                  "contact":{"name":"Ada","email":"ada@example.com","phone":"+44 20 7946 0000"}},
                 "channel":"WEB","subject":"%s","description":"%s"%s}"""
                .formatted(UUID.randomUUID(), subject, description, extra.isEmpty() ? "" : "," + extra);
    }

    static ValidatableResponse create(String body) {
        return platform().body(body).post("/api/v1/tickets").then();
    }

    static String createId(String body) {
        return create(body).statusCode(201).extract().path("id");
    }
}
