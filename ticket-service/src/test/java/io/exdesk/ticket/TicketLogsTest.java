package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.PLATFORM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.LogNeedles;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TraceLogProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No secret, request body, header value, token or contact datum reaches a log line at any level. The root
 * category is raised to DEBUG and ExDesk's packages and the HTTP (Vert.x, RESTEasy Reactive, security, JWT),
 * Kafka (client and connector), JDBC (driver, pool) and Hibernate layers to TRACE, as an operator chasing a
 * problem might; then a case of every family of the intake corpus and the product's sample tickets are opened (with contact
 * data, transaction details, an external reference and an {@code Idempotency-Key}), replied to and read,
 * and wrong-typed bodies, malformed JSON, bad query parameters and bad headers ({@code Authorization},
 * {@code Idempotency-Key}, {@code If-Match}, {@code Content-Type}) are sent. Every line of the log file is
 * searched for every secret, body fragment, token, key, contact value and customer id sent.
 *
 * <p>The categories that print such values below INFO are held at INFO by the platform's shared
 * configuration (build-time {@code min-level} and an explicit level); the profile below asks for TRACE on
 * them and on some of their sub-categories anyway, and the test shows the cap holds. It also resets what it
 * raised when it is done, since the log manager outlives the application.
 */
@QuarkusTest
@TestProfile(TicketLogsTest.EverythingLogged.class)
@WithTestResource(ExDeskTestResources.class)
class TicketLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Loggers under the categories the platform caps at INFO (platform's microprofile-config.properties). */
    private static final List<String> CAPPED = List.of("org.jboss.resteasy.reactive.server.handlers.RequestDeserializeHandler",
            "org.jboss.resteasy.reactive.server.handlers.ParameterHandler", "org.hibernate.orm.jdbc.bind",
            "org.hibernate.orm.jdbc.extract", "org.hibernate.orm.core", "org.hibernate.orm.resource.registry",
            "org.hibernate.orm.event", "org.hibernate.orm.loader.multi", "org.postgresql.core.v3.QueryExecutorImpl",
            "io.vertx.ext.mail.impl.SMTPConnection", "io.vertx.ext.web.impl.RouterImpl",
            "io.quarkus.micrometer.runtime.binder.vertx.VertxHttpServerMetrics",
            "io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator", "io.smallrye.jwt.auth.principal");

    /**
     * What this test raises to TRACE (the capped categories among them) and what it keeps quiet: the test's own
     * HTTP client (REST Assured) logs what it sends, and its embedded PostgreSQL copies the server's own log (a
     * failed statement with its values) into this JVM's log at INFO; that is the database's log, kept apart
     * from the service's in a deployment.
     */
    static final TraceLogProfile LOGGING = new TraceLogProfile(Path.of("target", "ticket-logs-test", "trace.log"),
            List.of("io.exdesk", "io.quarkus", "io.vertx", "org.jboss.resteasy.reactive", "io.smallrye", "org.jose4j",
                    "org.apache.kafka", "org.postgresql", "io.agroal", "org.hibernate", "com.fasterxml.jackson",
                    "org.hibernate.orm", "org.hibernate.orm.jdbc.bind", "org.hibernate.orm.event", "io.vertx.ext.web",
                    "io.quarkus.micrometer.runtime.binder.vertx", "io.quarkus.smallrye.jwt"),
            Map.of("org.apache.http", "INFO", "io.zonky", "WARN"));

    public static class EverythingLogged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOGGING.config();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TraceLogProfile.Levels.class, LOGGING.levels()));
        }
    }

    @AfterAll
    static void lowerTheLevelsAgain() {
        LOGGING.lowerTheLevelsAgain();
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noSecretBodyHeaderValueOrContactDatumIsLoggedAtAnyLevel() throws IOException {
        for (String category : CAPPED) {
            assertThat(Logger.getLogger(category).isDebugEnabled())
                    .as("%s is held at INFO although the root is at DEBUG and the category asked for TRACE", category).isFalse();
        }
        assertThat(Logger.getLogger("org.hibernate.SQL").isTraceEnabled()).as("the layers around them are at TRACE").isTrue();

        LogNeedles needles = new LogNeedles();
        String token = TestTokens.of(PLATFORM, Roles.PLATFORM);
        String agentToken = TestTokens.of("agent-logs", Roles.SUPERVISOR);
        needles.add("the platform's bearer token", token).add("its claims", token.split("\\.")[1]);
        needles.add("a supervisor's bearer token", agentToken).add("its claims", agentToken.split("\\.")[1]);
        needles.add("the erasure pseudonym key",
                ConfigProvider.getConfig().getValue("exdesk.erasure.pseudonym-key", String.class));

        List<String> ids = new ArrayList<>();
        for (JsonNode c : oneCasePerFamily()) {
            ids.add(openAndReply(c.get("id").asText(), c.get("text").asText(), c.get("language").asText(), token, needles));
            if (c.get("expect").get("redacted").asBoolean()) {
                for (JsonNode gone : c.get("expect").get("gone")) {
                    // the secrets themselves; a single word of a phrase ("custom") is also just a word
                    if (gone.asText().length() >= 6 && !gone.asText().matches("\\p{L}+")) {
                        needles.add("a secret of corpus case " + c.get("id").asText(), gone.asText());
                    }
                }
            }
        }
        for (JsonNode sample : corpus("/intake/sample-tickets.jsonl")) {
            String body = sample.get("body").asText();
            ids.add(openAndReply(sample.get("id").asText(), body, sample.get("language").asText(), token, needles));
            needles.add("the text of " + sample.get("id").asText(), body.substring(0, Math.min(body.length(), 16)));
        }
        for (String id : ids) {
            given().auth().oauth2(agentToken).get("/api/v1/tickets/" + id).then().statusCode(200);
            given().auth().oauth2(agentToken).get("/api/v1/tickets/" + id + "/messages").then().statusCode(200);
        }

        badRequests(token, agentToken, ids.get(0), needles);
        sqlErrorsCarryNoValues(needles);

        // the last events are published, so the relay and the producer have logged them
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);

        LogNeedles.Scan scan = needles.scan(LOGGING.file());
        System.out.printf("%s searched %d log lines for %d values%n", getClass().getSimpleName(), scan.lines(), needles.size());
        assertThat(scan.lines()).as("the log was written").isGreaterThan(10_000);
        assertThat(LOGGING.traceLines()).as("TRACE was on").isGreaterThan(100);
        assertThat(scan.found()).as("log lines that carry what must never be logged").isEmpty();
    }

    /** Opens a ticket with contact data, transaction details and a key, and adds a customer reply. */
    private static String openAndReply(String name, String text, String language, String token, LogNeedles needles) {
        String customer = "logs-cust-" + UUID.randomUUID();
        String email = "logs-" + UUID.randomUUID() + "@mail.test";
        String phone = "+44 20 " + (1000_0000 + RANDOM.nextInt(9000_0000));
        String contactName = "Logname " + letters(10);
        String reference = "ext-" + UUID.randomUUID();
        String key = "idem-" + UUID.randomUUID();
        String subjectFragment = "Subj" + letters(12);
        String replyFragment = "Reply" + letters(12);
        ObjectNode request = JSON.createObjectNode();
        request.putObject("customer").put("id", customer).put("tier", "STANDARD").put("language", language)
                .putObject("contact").put("name", contactName).put("email", email).put("phone", phone);
        request.put("channel", "CHAT").put("subject", "Case " + subjectFragment).put("description", text)
                .put("externalReference", reference);
        request.putObject("crypto").put("asset", "BTC").put("amount", 0.123);
        needles.add("the customer id of " + name, customer).add("an e-mail address", email).add("a phone number", phone)
                .add("a contact name", contactName).add("an external reference", reference).add("an Idempotency-Key", key)
                .add("a subject", subjectFragment).add("a reply", replyFragment);
        String id = given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key)
                .body(request.toString()).post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType("application/json")
                .body(JSON.createObjectNode().put("body", text + "\n" + replyFragment).toString())
                .post("/api/v1/tickets/" + id + "/customer-replies").then().statusCode(201);
        return id;
    }

    /** Wrong-typed and malformed bodies, bad query parameters and bad header values: each refused, none logged. */
    private void badRequests(String token, String agentToken, String ticketId, LogNeedles needles) {
        String wrongTyped = "WrongTyped" + letters(12);
        String malformed = "Hunter2-Malformed-Body" + letters(8);
        needles.add("a wrong-typed value", wrongTyped).add("a malformed body", malformed);
        for (String body : List.of(
                "{\"customer\":{\"id\":\"c-1\",\"tier\":\"STANDARD\",\"language\":\"en\"},\"channel\":\"CHAT\","
                        + "\"subject\":\"s\",\"description\":\"d\",\"crypto\":{\"asset\":\"BTC\",\"amount\":\"" + wrongTyped + "\"}}",
                "{\"customer\":{\"id\":\"c-1\",\"tier\":\"" + wrongTyped + "\",\"language\":\"en\"},\"channel\":\"CHAT\","
                        + "\"subject\":\"s\",\"description\":\"d\"}",
                "{\"customer\":{\"id\":[\"" + wrongTyped + "\"],\"tier\":\"STANDARD\",\"language\":\"en\"},\"channel\":\"CHAT\","
                        + "\"subject\":\"s\",\"description\":{\"text\":\"" + wrongTyped + "\"}}",
                "{\"description\": \"password=" + malformed + "\", \"customer\": ")) {
            given().auth().oauth2(token).contentType("application/json").body(body).post("/api/v1/tickets")
                    .then().statusCode(400);
        }
        given().auth().oauth2(token).contentType("application/json").body("{\"body\": {\"text\": \"" + wrongTyped + "\"}}")
                .post("/api/v1/tickets/" + ticketId + "/customer-replies").then().statusCode(400);
        given().auth().oauth2(token).contentType("application/json").body("{\"body\": [\"" + wrongTyped + "\"]}")
                .post("/api/v1/tickets/" + ticketId + "/customer-replies").then().statusCode(400);

        String badParameter = "BadParam" + letters(10);
        needles.add("a bad query parameter", badParameter);
        for (String query : List.of("limit=" + badParameter, "createdFrom=" + badParameter, "status=" + badParameter,
                "priority=" + badParameter, "cursor=" + badParameter)) {
            // a value the parameter's type cannot take is 404 in JAX-RS, a value ExDesk rejects is 400
            given().auth().oauth2(agentToken).get("/api/v1/tickets?" + query).then().statusCode(oneOf(400, 404));
        }
        given().auth().oauth2(agentToken).get("/api/v1/tickets/" + badParameter).then().statusCode(404);

        String badKey = "bad key " + letters(12) + " ".repeat(3) + "x".repeat(300);
        String badIfMatch = "\"IfMatch" + letters(12) + "\"";
        String badContentType = "application/x-" + letters(12).toLowerCase();
        needles.add("a bad Idempotency-Key", badKey.substring(8, 20)).add("a bad If-Match", badIfMatch.substring(1, 19))
                .add("a bad Content-Type", badContentType);
        given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", badKey)
                .body(TicketApi.body("Key", "bad key", "")).post("/api/v1/tickets").then().statusCode(400);
        given().auth().oauth2(agentToken).contentType("application/merge-patch+json").header("If-Match", badIfMatch)
                .body("{\"priority\":\"HIGH\"}").patch("/api/v1/tickets/" + ticketId).then().statusCode(412);
        given().auth().oauth2(token).contentType(badContentType).body("{}".getBytes(StandardCharsets.UTF_8)).post("/api/v1/tickets")
                .then().statusCode(415);

        String garbage = "NotAJwt" + letters(24);
        var issuer = TestServers.get().jwt();
        String expired = issuer.sign(issuer.claims("intruder-" + letters(8), Set.of(Roles.SUPERVISOR), Duration.ofHours(1))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
        String otherAudience = issuer.sign(issuer.claims("intruder-" + letters(8), Set.of(Roles.SUPERVISOR), Duration.ofHours(1))
                .audience("another-api"));
        String unsigned = expired.substring(0, expired.lastIndexOf('.') + 1);
        needles.add("a garbage bearer token", garbage);
        for (String bad : List.of(expired, otherAudience)) {
            needles.add("a refused token", bad).add("a refused token's claims", bad.split("\\.")[1])
                    .add("a refused token's signature", bad.substring(bad.lastIndexOf('.') + 1));
        }
        for (String bad : List.of(garbage, expired, otherAudience, unsigned)) {
            given().auth().oauth2(bad).get("/api/v1/tickets/" + ticketId).then().statusCode(401);
        }
        given().header("Authorization", "Basic " + garbage).get("/api/v1/tickets/" + ticketId).then().statusCode(401);
    }

    /** PostgreSQL's error detail quotes the values of a row; the driver leaves it out of what is logged. */
    private void sqlErrorsCarryNoValues(LogNeedles needles) {
        String value = "SqlDetail" + letters(12);
        needles.add("a value in an SQL error", value);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE logs_unique (value text PRIMARY KEY)");
            statement.execute("INSERT INTO logs_unique VALUES ('" + value + "')");
            assertThatThrownBy(() -> statement.execute("INSERT INTO logs_unique VALUES ('" + value + "')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("logs_unique_pkey")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(value));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ((i % 2 == 0 ? 'A' : 'a') + RANDOM.nextInt(26)));
        }
        return s.toString();
    }

    /**
     * The first case of each family of the intake corpus (the id up to its second dash: seed-en, key-hex,
     * pwd-i18n…): what reaches a log line depends on the path a text takes, not on the shape of the secret
     * in it, and the whole corpus at TRACE would take a minute.
     */
    private static List<JsonNode> oneCasePerFamily() {
        Map<String, JsonNode> families = new LinkedHashMap<>();
        for (JsonNode c : corpus("/intake/secrets-corpus.jsonl")) {
            String[] parts = c.get("id").asText().split("-");
            families.putIfAbsent(parts[0] + "-" + (parts.length > 1 ? parts[1] : ""), c);
        }
        return new ArrayList<>(families.values());
    }

    private static List<JsonNode> corpus(String resource) {
        try (InputStream in = TicketLogsTest.class.getResourceAsStream(resource)) {
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
