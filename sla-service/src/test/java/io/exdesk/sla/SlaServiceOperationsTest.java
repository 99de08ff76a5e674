package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.ServiceOperationsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health, metrics and API documentation of sla-service, against the real database and broker. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class SlaServiceOperationsTest extends ServiceOperationsContract {

    /**
     * The alerting rules count breaches with increase(), which sees only increments between two scrapes: a
     * series that appeared with its first breach would hide that breach. No test here stops a LOW clock, so
     * its series exist only if they were registered up front.
     */
    @Test
    void everySlaCounterAndDurationSeriesExistsBeforeItsFirstEvent() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> missing = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            for (CustomerTier tier : CustomerTier.values()) {
                for (SlaClock clock : SlaClock.values()) {
                    for (String counter : List.of("sla_warnings_total", "sla_breaches_total", "sla_met_total")) {
                        String series = counter + "{clock=\"" + clock + "\",priority=\"" + priority + "\",tier=\""
                                + tier + "\"}";
                        if (!metrics.contains(series + " ")) {
                            missing.add(series);
                        }
                    }
                }
            }
            for (String timer : List.of("sla_first_response_duration_seconds", "sla_resolution_duration_seconds")) {
                String series = timer + "_count{priority=\"" + priority + "\"}";
                if (!metrics.contains(series + " ")) {
                    missing.add(series);
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
