package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Secrets at intake, through the API: redaction, the {@code secretsRedacted} flag (the scam
 * warning) and the exposed-secrets rule (at least SECURITY/HIGH) hold whether or not the caller set
 * category and priority, and no secret of the intake corpus reaches the database or an event.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketSecretsIntakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A valid BIP-39 phrase (the BIP's test vector for entropy 7f7f…7f). */
    private static final String PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCallerThatSetsCategoryAndPriorityStillGetsTheSecretsRuleAndTheFlag() {
        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            ExtractableResponse<Response> created = create("Wallet question", "Here is my seed phrase: " + PHRASE,
                    "GENERAL", "LOW");

            assertThat((String) created.path("category")).isEqualTo("SECURITY");
            assertThat((String) created.path("priority")).isEqualTo("HIGH");
            assertThat((Boolean) created.path("secretsRedacted")).isTrue();
            assertThat((Boolean) created.path("triage.category")).as("changed by the service").isTrue();
            assertThat((Boolean) created.path("triage.priority")).isTrue();
            assertThat((String) created.path("description")).isEqualTo("Here is my seed phrase: [REDACTED:SEED_PHRASE]");

            TicketCreated event = createdEvent(probe, created.path("id"));
            assertThat(event.secretsRedacted()).isTrue();
            assertThat(event.category()).isEqualTo(Category.SECURITY);
            assertThat(event.priority()).isEqualTo(Priority.HIGH);
        }
    }

    @Test
    void anUrgentCallerPriorityStaysUrgentAndASecretInTheSubjectCounts() {
        ExtractableResponse<Response> created = create("my password is Hunter2!", "Please call me back", "COMPLAINT", "URGENT");

        assertThat((String) created.path("category")).isEqualTo("SECURITY");
        assertThat((String) created.path("priority")).isEqualTo("URGENT");
        assertThat((Boolean) created.path("triage.category")).isTrue();
        assertThat((Boolean) created.path("triage.priority")).as("the caller's URGENT is kept").isFalse();
        assertThat((Boolean) created.path("secretsRedacted")).isTrue();
        assertThat((String) created.path("subject")).isEqualTo("my password is [REDACTED:PASSWORD]");
    }

    @Test
    void callerValuesAreKeptWhenNothingIsRedacted() {
        ExtractableResponse<Response> created = create("Withdrawal", "My withdrawal of 0.5 BTC is pending", "WITHDRAWAL", "LOW");

        assertThat((String) created.path("category")).isEqualTo("WITHDRAWAL");
        assertThat((String) created.path("priority")).isEqualTo("LOW");
        assertThat((Boolean) created.path("triage.category")).isFalse();
        assertThat((Boolean) created.path("triage.priority")).isFalse();
        assertThat((Boolean) created.path("secretsRedacted")).isFalse();
    }

    @Test
    void callerSecurityHighWithASecretIsLeftAsSent() {
        ExtractableResponse<Response> created = create("Leaked", "私钥：" + "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35",
                "SECURITY", "HIGH");

        assertThat((Boolean) created.path("triage.category")).isFalse();
        assertThat((Boolean) created.path("triage.priority")).isFalse();
        assertThat((String) created.path("description")).isEqualTo("私钥：[REDACTED:PRIVATE_KEY]");
    }

    /**
     * Every ticket of the intake corpus, opened with and without caller-set category and priority:
     * what must be gone is gone from the response, the ticket row and the ticket-created outbox
     * row; what must be kept is stored as sent; the flag and the secrets rule follow. Four clients open the
     * cases at once, as a platform's requests arrive, and group commit batches them (2-core machine: 17 s, against
     * 20 s one after the other).
     */
    @Test
    void noSecretOfTheIntakeCorpusIsStoredOrAnnounced() throws Exception {
        List<JsonNode> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThan(120);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> cases = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                int number = i;
                cases.add(clients.submit(() -> openAndCheck(corpus.get(number), number)));
            }
            for (Future<?> c : cases) {
                try {
                    c.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failed) {
                        throw failed; // the case's own message, not a wrapper's
                    }
                    throw e;
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private void openAndCheck(JsonNode c, int i) {
        boolean callerSets = i % 2 == 0;
        String text = c.get("text").asText();
        JsonNode expect = c.get("expect");
        ExtractableResponse<Response> created = create("Intake corpus case " + (i + 1), text,
                callerSets ? "GENERAL" : null, callerSets ? "LOW" : null);
        String id = created.path("id");
        String stored = (String) Db.queryOne(dataSource, "SELECT description FROM ticket WHERE id = ?", UUID.fromString(id));
        String outbox = (String) Db.queryOne(dataSource,
                "SELECT string_agg(payload, ' ') FROM outbox_event WHERE event_key = ?", id);

        assertThat(outbox).as("the ticket-created outbox row").contains(id);
        assertThat((Boolean) created.path("secretsRedacted")).as(c.get("id").asText())
                .isEqualTo(expect.get("redacted").asBoolean());
        if (expect.get("redacted").asBoolean()) {
            assertThat((String) created.path("category")).isEqualTo("SECURITY");
            assertThat(Priority.valueOf(created.path("priority"))).isLessThanOrEqualTo(Priority.HIGH);
            for (JsonNode gone : expect.get("gone")) {
                for (String where : List.of((String) created.path("description"), stored)) {
                    assertGone(where, gone.asText(), c.get("id").asText());
                }
                if (!gone.asText().matches("\\p{L}+")) {
                    // the event's JSON has words of its own ("subject"); the secret must not be there
                    assertThat(outbox).as(c.get("id").asText()).doesNotContain(gone.asText());
                }
            }
        } else {
            assertThat(stored).as(c.get("id").asText()).isEqualTo(text);
        }
        for (JsonNode kept : expect.get("kept")) {
            assertThat(stored).contains(kept.asText());
        }
    }

    private static void assertGone(String where, String secret, String id) {
        String lower = where.toLowerCase(Locale.ROOT);
        boolean left = secret.matches("[A-Za-z]+")
                ? Pattern.compile("(?<![a-z])" + Pattern.quote(secret.toLowerCase(Locale.ROOT)) + "(?![a-z])").matcher(lower).find()
                : where.contains(secret);
        assertThat(left).as("%s: '%s' left in %s", id, secret, where).isFalse();
    }

    private static ExtractableResponse<Response> create(String subject, String description, String category, String priority) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("customer").put("id", "secrets-" + UUID.randomUUID()).put("tier", "STANDARD").put("language", "en");
        request.put("channel", "CHAT").put("subject", subject).put("description", description);
        if (category != null) {
            request.put("category", category);
        }
        if (priority != null) {
            request.put("priority", priority);
        }
        return platform().body(request.toString()).post("/api/v1/tickets").then().statusCode(201).extract();
    }

    private static TicketCreated createdEvent(TopicProbe probe, String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !probe.withHeader("ce_subject", id).isEmpty());
        return TestEventPublisher.decode(probe.withHeader("ce_subject", id).get(0).value(), TicketCreated.class);
    }

    private static List<JsonNode> corpus() {
        try (InputStream in = TicketSecretsIntakeTest.class.getResourceAsStream("/intake/secrets-corpus.jsonl")) {
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
