package io.exdesk.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.StartupAttempt;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as a deployment runs it (production profile, configuration by environment): it
 * has no pseudonym key of its own, so without EXDESK_ERASURE_PSEUDONYM_KEY, or with one too short to be
 * a secret, it stops at startup and says which variable to set; with one, it starts. The three cases
 * start at once, each in its own process.
 */
class TicketServiceStartupIT {

    private static final String VARIABLE = "EXDESK_ERASURE_PSEUDONYM_KEY";

    private static StartupAttempt withoutKey;
    private static StartupAttempt withShortKey;
    private static StartupAttempt withKey;

    @BeforeAll
    static void startEveryCase() {
        Map<String, String> without = StartupAttempt.environment();
        without.remove(VARIABLE);
        withoutKey = StartupAttempt.start("ticket-without-pseudonym-key", without);

        Map<String, String> tooShort = StartupAttempt.environment();
        tooShort.put(VARIABLE, "short-and-guessable");
        withShortKey = StartupAttempt.start("ticket-short-pseudonym-key", tooShort);

        Map<String, String> with = StartupAttempt.environment();
        with.put(VARIABLE, "a-deployment-secret-of-at-least-32-bytes");
        withKey = StartupAttempt.start("ticket-with-pseudonym-key", with);
    }

    @AfterAll
    static void stopEveryCase() {
        Stream.of(withoutKey, withShortKey, withKey).filter(attempt -> attempt != null).forEach(StartupAttempt::close);
    }

    @Test
    void withoutThePseudonymKeyTheServiceStopsAtStartupNamingTheVariable() {
        assertThat(withoutKey.refusal())
                .contains("ticket-service cannot start: " + VARIABLE + " (exdesk.erasure.pseudonym-key) is not set");
    }

    @Test
    void withATooShortKeyTheServiceStopsAtStartup() {
        assertThat(withShortKey.refusal())
                .contains("ticket-service cannot start: " + VARIABLE
                        + " (exdesk.erasure.pseudonym-key) is shorter than 32 bytes")
                .doesNotContain("short-and-guessable");
    }

    @Test
    void withTheKeyTheServiceStarts() {
        ServiceProcess service = withKey.ready();

        given().baseUri(service.baseUrl()).get("/q/health/ready").then().statusCode(200);
    }
}
