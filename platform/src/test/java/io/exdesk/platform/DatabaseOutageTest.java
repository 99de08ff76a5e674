package io.exdesk.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.PostgresServer;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL really stopped: a request that needs the database is a 503 with {@code Retry-After} (an
 * outage the client waits out), not a 500 (a bug to report); readiness is DOWN until the database is
 * back, and then the same requests succeed without restarting anything.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class DatabaseOutageTest {

    private static final String DATABASE_CHECK = "Database connections health check";

    private RequestSpecification platform() {
        return given().auth().oauth2(TestTokens.forRole(Roles.PLATFORM));
    }

    @Test
    void whileTheDatabaseIsDownClientsAreToldToRetryAndReadinessIsDown() {
        PostgresServer postgres = TestServers.get().postgres();
        Assumptions.assumeTrue(postgres.isEmbedded(), "needs the embedded server, to stop it");
        platform().post("/api/v1/demo/tickets").then().statusCode(200);

        postgres.stop();
        try {
            // The first finds the pool's connection cut by the shutdown, the second the port closed.
            for (int attempt = 1; attempt <= 2; attempt++) {
                platform().post("/api/v1/demo/tickets").then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "2")
                        .body("type", equalTo("https://exdesk.io/problems/unavailable"))
                        .body("status", equalTo(503))
                        .body("instance", equalTo("/api/v1/demo/tickets"))
                        // Nothing of the driver's message (the server's address) reaches the client.
                        .body(not(containsString("127.0.0.1")))
                        .body(not(containsString("Connection")));
            }
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("DOWN"));
            // A bug is still a bug while the database is away.
            platform().get("/api/v1/demo/crash").then().statusCode(500)
                    .body("type", equalTo("https://exdesk.io/problems/internal"));
        } finally {
            postgres.start();
        }

        // Back without a restart: the pool makes new connections, readiness follows.
        Response opened = await("a request after the restart").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> platform().post("/api/v1/demo/tickets"), response -> response.statusCode() != 503);
        assertThat(opened.statusCode()).isEqualTo(200);
        await("ready again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body("checks.status", not(hasItem("DOWN")));
    }
}
