package io.exdesk.platform.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Which {@code /q/*} endpoints answer without a token: health and metrics always (probes and scrapers
 * carry none), the OpenAPI document and Swagger UI only while {@code exdesk.http.api-docs} is on (dev,
 * tests and the local run; off by default in production, see {@link ApiDocsOffTest}). The business API
 * always wants a token.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class OpenEndpointsTest {

    @Test
    void healthMetricsAndApiDocsAnswerWithoutATokenInTests() {
        given().get("/q/health/live").then().statusCode(200);
        // Ready once the demo channel's consumer is in its group again: the application is shared with
        // KafkaOutageTest, which restarts the broker, and readiness was still 503 ("demo": KO) when CI ran this next.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/demo"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/api/v1/demo/admin").then().statusCode(401);
    }
}
