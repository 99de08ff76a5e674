package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.createId;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Filters and cursor pagination: every ticket exactly once, newest first, stable across pages. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketListTest {

    @Test
    void cursorPagesWalkEveryMatchingTicketOnceNewestFirst() {
        String platform = "exchange-paging-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String priority = i % 2 == 0 ? "HIGH" : "LOW";
            created.add(as(platform, Roles.PLATFORM)
                    .body(body("Paging " + i, "d", "\"category\":\"TRADING\",\"priority\":\"" + priority + "\""))
                    .post("/api/v1/tickets").then().statusCode(201).extract().path("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ExtractableResponse<Response> page = as(platform, Roles.PLATFORM)
                    .queryParam("limit", 3)
                    .queryParams(cursor == null ? java.util.Map.of() : java.util.Map.of("cursor", cursor))
                    .get("/api/v1/tickets").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertThat(ids.size()).isLessThanOrEqualTo(3);
            seen.addAll(ids);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        List<String> high = as(platform, Roles.PLATFORM).queryParam("priority", "HIGH").get("/api/v1/tickets")
                .then().statusCode(200).extract().path("items.id");
        assertThat(high).containsExactly(created.get(6), created.get(4), created.get(2), created.get(0));
    }

    @Test
    void filtersByCustomerAndCreatedRange() {
        String id = createId(body("Range", "d", "\"category\":\"KYC\",\"priority\":\"LOW\""));
        ExtractableResponse<Response> ticket = TicketApi.supervisor().get("/api/v1/tickets/" + id).then().extract();
        String customer = ticket.path("customer.id");
        String createdAt = ticket.path("createdAt");
        List<String> byCustomer = TicketApi.supervisor().queryParam("customer", customer).queryParam("category", "KYC")
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertThat(byCustomer).containsExactly(id);
        List<String> before = TicketApi.supervisor().queryParam("customer", customer).queryParam("createdTo", createdAt)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertThat(before).isEmpty();
        List<String> from = TicketApi.supervisor().queryParam("customer", customer).queryParam("createdFrom", createdAt)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertThat(from).containsExactly(id);
    }
}
