package io.exdesk.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as a deployment runs it (production profile, configuration by environment):
 * without its webhook signing secret it stops at startup and says which variable to set; with it, it
 * starts, and without a token answers only health and metrics (no OpenAPI document or Swagger UI by
 * default in production).
 */
class NotificationStartupIT {

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void withoutTheSigningSecretTheServiceStopsAtStartupNamingTheVariable() throws IOException {
        Map<String, String> environment = environment();
        assertThat(environment.remove("NOTIFICATION_WEBHOOK_SIGNING_SECRET")).isNotNull();
        Path log = Path.of("target", "it-logs", "notification-without-secret.log");
        Files.deleteIfExists(log);
        ServiceProcess service = start("notification-without-secret", environment, log);

        assertThat(service.awaitExit(Duration.ofMinutes(2))).as("exit code").isNotZero();
        assertThat(Files.readString(log)).contains(
                "notification-service cannot start: NOTIFICATION_WEBHOOK_SIGNING_SECRET"
                        + " (notification.webhook.signing-secret) is not set");
    }

    @Test
    void withItTheServiceStartsAndAnswersOnlyHealthAndMetricsWithoutAToken() {
        ServiceProcess service = start("notification-with-secret", environment(),
                Path.of("target", "it-logs", "notification-with-secret.log"));
        service.awaitReady(Duration.ofMinutes(2));

        given().baseUri(service.baseUrl()).get("/q/health/ready").then().statusCode(200);
        given().baseUri(service.baseUrl()).get("/q/metrics").then().statusCode(200);
        given().baseUri(service.baseUrl()).get("/q/openapi").then().statusCode(404);
        given().baseUri(service.baseUrl()).get("/q/swagger-ui/").then().statusCode(404);
        given().baseUri(service.baseUrl()).get("/api/v1/notifications?status=DEAD").then().statusCode(401);
        given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.forRole(Roles.OPS))
                .get("/api/v1/notifications?status=DEAD").then().statusCode(200);
    }

    private static Map<String, String> environment() {
        TestServers servers = TestServers.get();
        return new LinkedHashMap<>(ServiceProcess.environment(servers.postgres(), servers.database(),
                servers.kafkaBootstrapServers(), servers.jwt()));
    }

    private ServiceProcess start(String name, Map<String, String> environment, Path log) {
        ServiceProcess service = ServiceProcess.start(name, ServiceProcess.runnerJar(Path.of("")), FreePorts.next(),
                environment, log, "-Xmx256m");
        started.add(service);
        return service;
    }
}
