package io.exdesk.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestServers;
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
 * The packaged service as a deployment runs it (production profile, configuration by environment): it
 * has no pseudonym key of its own, so without EXDESK_ERASURE_PSEUDONYM_KEY, or with one too short to be
 * a secret, it stops at startup and says which variable to set; with one, it starts.
 */
class TicketServiceStartupIT {

    private static final String VARIABLE = "EXDESK_ERASURE_PSEUDONYM_KEY";

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void withoutThePseudonymKeyTheServiceStopsAtStartupNamingTheVariable() throws IOException {
        Map<String, String> environment = environment();
        environment.remove(VARIABLE);

        assertThat(refusal("ticket-without-pseudonym-key", environment))
                .contains("ticket-service cannot start: " + VARIABLE + " (exdesk.erasure.pseudonym-key) is not set");
    }

    @Test
    void withATooShortKeyTheServiceStopsAtStartup() throws IOException {
        Map<String, String> environment = environment();
        environment.put(VARIABLE, "short-and-guessable");

        assertThat(refusal("ticket-short-pseudonym-key", environment))
                .contains("ticket-service cannot start: " + VARIABLE
                        + " (exdesk.erasure.pseudonym-key) is shorter than 32 bytes")
                .doesNotContain("short-and-guessable");
    }

    @Test
    void withTheKeyTheServiceStarts() {
        Map<String, String> environment = environment();
        environment.put(VARIABLE, "a-deployment-secret-of-at-least-32-bytes");
        ServiceProcess service = start("ticket-with-pseudonym-key", environment,
                Path.of("target", "it-logs", "ticket-with-pseudonym-key.log"));
        service.awaitReady(Duration.ofMinutes(2));

        given().baseUri(service.baseUrl()).get("/q/health/ready").then().statusCode(200);
    }

    private String refusal(String name, Map<String, String> environment) throws IOException {
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.deleteIfExists(log);
        ServiceProcess service = start(name, environment, log);
        assertThat(service.awaitExit(Duration.ofMinutes(2))).as("exit code").isNotZero();
        return Files.readString(log);
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
