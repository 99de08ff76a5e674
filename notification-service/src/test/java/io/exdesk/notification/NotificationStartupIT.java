package io.exdesk.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.StartupAttempt;
import io.exdesk.testkit.TestTokens;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as a deployment runs it (production profile, configuration by environment):
 * without its webhook signing secret it stops at startup and says which variable to set; with it, it
 * starts, and without a token answers only health and metrics (no OpenAPI document or Swagger UI by
 * default in production). Both cases start at once, each in its own process.
 */
class NotificationStartupIT {

    private static String removedSecret;
    private static StartupAttempt withoutSecret;
    private static StartupAttempt withSecret;

    @BeforeAll
    static void startEveryCase() {
        Map<String, String> without = StartupAttempt.environment();
        removedSecret = without.remove("NOTIFICATION_WEBHOOK_SIGNING_SECRET");
        withoutSecret = StartupAttempt.start("notification-without-secret", without);
        withSecret = StartupAttempt.start("notification-with-secret", StartupAttempt.environment());
    }

    @AfterAll
    static void stopEveryCase() {
        Stream.of(withoutSecret, withSecret).filter(attempt -> attempt != null).forEach(StartupAttempt::close);
    }

    @Test
    void withoutTheSigningSecretTheServiceStopsAtStartupNamingTheVariable() {
        assertThat(removedSecret).as("the testkit's settings had the secret").isNotNull();
        assertThat(withoutSecret.refusal()).contains(
                "notification-service cannot start: NOTIFICATION_WEBHOOK_SIGNING_SECRET"
                        + " (notification.webhook.signing-secret) is not set");
    }

    @Test
    void withItTheServiceStartsAndAnswersOnlyHealthAndMetricsWithoutAToken() {
        ServiceProcess service = withSecret.ready();

        given().baseUri(service.baseUrl()).get("/q/health/ready").then().statusCode(200);
        given().baseUri(service.baseUrl()).get("/q/metrics").then().statusCode(200);
        given().baseUri(service.baseUrl()).get("/q/openapi").then().statusCode(404);
        given().baseUri(service.baseUrl()).get("/q/swagger-ui/").then().statusCode(404);
        given().baseUri(service.baseUrl()).get("/api/v1/notifications?status=DEAD").then().statusCode(401);
        given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.forRole(Roles.OPS))
                .get("/api/v1/notifications?status=DEAD").then().statusCode(200);
    }
}
