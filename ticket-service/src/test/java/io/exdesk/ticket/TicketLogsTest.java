package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.PLATFORM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No secret, request body or header value reaches a log line at any level: with ExDesk's packages
 * and the HTTP, security, REST, Kafka, JDBC and Hibernate layers at TRACE (DEBUG for the Kafka
 * client, whose TRACE is its wire protocol), the whole intake corpus is opened, replied to and read
 * through the API, a malformed body with a secret is sent, and every line of the log file is
 * searched for each corpus secret and each bearer token.
 *
 * <p>Not covered yet, because they do reach the log at these levels: the value of a JSON field of
 * the wrong type (RESTEasy Reactive's {@code RequestDeserializeHandler} logs Jackson's message,
 * which quotes it, at DEBUG) and the values Hibernate binds ({@code org.hibernate.orm.jdbc.bind} at
 * TRACE: redacted text, but the customer's id and contact data). Capping those two categories with
 * a build-time {@code min-level} is a configuration change outside this test.
 */
@QuarkusTest
@TestProfile(TicketLogsTest.EverythingLogged.class)
@WithTestResource(ExDeskTestResources.class)
class TicketLogsTest {

    static final Path LOG = Path.of("target", "ticket-logs-test", "trace.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class EverythingLogged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>();
            config.put("quarkus.log.min-level", "TRACE");
            config.put("quarkus.log.file.enable", "true");
            config.put("quarkus.log.file.path", LOG.toString());
            config.put("quarkus.log.file.level", "TRACE");
            config.put("quarkus.log.console.level", "INFO");
            for (String category : List.of("io.exdesk", "io.quarkus.vertx.http", "io.vertx.core.http", "io.vertx.ext.web",
                    "io.quarkus.resteasy.reactive", "io.quarkus.rest", "org.jboss.resteasy.reactive", "io.quarkus.security",
                    "io.quarkus.smallrye.jwt", "io.smallrye.jwt", "io.smallrye.reactive.messaging", "io.quarkus.hibernate.validator",
                    "org.hibernate.validator", "org.postgresql", "io.agroal", "org.hibernate.SQL", "org.hibernate.orm.jdbc.bind",
                    "com.fasterxml.jackson")) {
                config.put("quarkus.log.category.\"" + category + "\".level", "TRACE");
            }
            config.put("quarkus.log.category.\"org.apache.kafka\".level", "DEBUG");
            return config;
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noSecretBodyOrHeaderValueIsLoggedAtTrace() throws IOException {
        List<String> mustNotAppear = new ArrayList<>();
        String token = TestTokens.of(PLATFORM, Roles.PLATFORM);
        String agentToken = TestTokens.of("agent-logs", Roles.SUPERVISOR);
        mustNotAppear.add(token);
        mustNotAppear.add(agentToken);

        for (JsonNode c : corpus()) {
            String text = c.get("text").asText();
            ObjectNode request = JSON.createObjectNode();
            request.putObject("customer").put("id", "logs-" + UUID.randomUUID()).put("tier", "STANDARD").put("language", "en");
            request.put("channel", "CHAT").put("subject", "Logs " + c.get("id").asText()).put("description", text);
            String id = given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(request.toString()).post("/api/v1/tickets").then().statusCode(201).extract().path("id");
            given().auth().oauth2(token).contentType("application/json")
                    .body(JSON.createObjectNode().put("body", text).toString())
                    .post("/api/v1/tickets/" + id + "/customer-replies").then().statusCode(201);
            given().auth().oauth2(agentToken).get("/api/v1/tickets/" + id).then().statusCode(200);
            if (c.get("expect").get("redacted").asBoolean()) {
                for (JsonNode gone : c.get("expect").get("gone")) {
                    // the secrets themselves; a single word of a phrase ("custom") is also just a word
                    if (gone.asText().length() >= 6 && !gone.asText().matches("\\p{L}+")) {
                        mustNotAppear.add(gone.asText());
                    }
                }
            }
        }
        String malformed = "{\"description\": \"password=Hunter2-Malformed-Body!!\", \"customer\": ";
        mustNotAppear.add("Hunter2-Malformed-Body");
        given().auth().oauth2(token).contentType("application/json").body(malformed).post("/api/v1/tickets")
                .then().statusCode(400);
        // the last ticket-created rows are published, so the relay and the producer have logged them
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);

        List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        assertThat(lines).as("the TRACE log was written").hasSizeGreaterThan(1000);
        assertThat(lines).as("TRACE was on").anyMatch(line -> line.contains("TRACE"));
        for (String line : lines) {
            for (String secret : mustNotAppear) {
                assertThat(line).as("a log line carries a secret").doesNotContain(secret);
            }
        }
    }

    private static List<JsonNode> corpus() {
        try (InputStream in = TicketLogsTest.class.getResourceAsStream("/intake/secrets-corpus.jsonl")) {
            List<JsonNode> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
