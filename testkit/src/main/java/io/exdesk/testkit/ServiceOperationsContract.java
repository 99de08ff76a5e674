package io.exdesk.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * What operators rely on in every service: readiness that checks the database, Kafka and the
 * outbox; Prometheus metrics; the OpenAPI document and Swagger UI. A service test extends this
 * class and annotates it with {@code @QuarkusTest @WithTestResource(ExDeskTestResources.class)}.
 */
public abstract class ServiceOperationsContract {

    @Test
    void readinessCoversDatabaseKafkaAndOutbox() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("outbox", "Database connections health check",
                        "Kafka connection health check"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("outbox_pending_events"))
                .body(containsString("outbox_publish_lag_seconds"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
