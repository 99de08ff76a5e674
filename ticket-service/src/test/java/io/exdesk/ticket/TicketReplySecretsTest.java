package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.exdesk.events.Category;
import io.exdesk.events.CustomerReplied;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.Topics;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A secret in a customer's later reply is treated exactly as one in the opening message: redacted in
 * the stored and returned reply, the ticket flagged ({@code secretsRedacted}, which owes the customer
 * the scam warning through {@code customer-replied}) and raised to at least SECURITY/HIGH by the
 * system, whatever classified the ticket before (the caller or triage), with nothing of the secret in
 * the database, the outbox or the events on Kafka.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketReplySecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    /**
     * One case of every family of the intake corpus (seed phrases in each list and notation, keys,
     * passwords, 2FA codes, API keys; and text that must survive) sent as the reply to a ticket the
     * caller classified as GENERAL/LOW, or that triage classified from harmless text.
     */
    @Test
    void aSecretInAReplyOfEveryCorpusFamilyIsRedactedFlagsTheTicketAndRaisesIt() {
        List<JsonNode> cases = oneCasePerFamily();
        assertThat(cases).as("families").hasSizeGreaterThan(20);
        double redactedBefore = Metrics.scrape().value("ticket_secrets_redacted_total");
        Map<String, JsonNode> byTicket = new LinkedHashMap<>();
        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            int i = 0;
            for (JsonNode c : cases) {
                boolean callerSets = i++ % 2 == 0;
                String id = open(callerSets);
                String reply = platform().body(JSON.createObjectNode().put("body", c.get("text").asText()).toString())
                        .post("/api/v1/tickets/" + id + "/customer-replies")
                        .then().statusCode(201).extract().path("body");
                assertSecretsGone(c, reply, true, "the reply's response");
                byTicket.put(id, c);
            }

            // One read of the topic for every check below: each ticket's events are awaited together (a
            // ticket's events share its key, so once its reply's event is read so is all that came before).
            await().atMost(WAIT).until(() -> {
                Map<String, List<ConsumerRecord<String, String>>> seen = bySubject(probe.poll());
                return byTicket.entrySet().stream().allMatch(entry ->
                        !ofType(seen, entry.getKey(), "customer-replied").isEmpty()
                                && (!isRedacted(entry.getValue()) || !ofType(seen, entry.getKey(), "priority-changed").isEmpty()));
            });
            Map<String, List<ConsumerRecord<String, String>>> onKafka = bySubject(probe.poll());

            long redactedCases = 0;
            for (Map.Entry<String, JsonNode> entry : byTicket.entrySet()) {
                String id = entry.getKey();
                JsonNode c = entry.getValue();
                String name = c.get("id").asText();
                boolean redacted = isRedacted(c);
                redactedCases += redacted ? 1 : 0;
                JsonPath ticket = supervisor().get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
                JsonPath messages = supervisor().get("/api/v1/tickets/" + id + "/messages").then().statusCode(200)
                        .extract().jsonPath();
                String stored = (String) Db.queryOne(dataSource,
                        "SELECT string_agg(body, ' ') FROM ticket_message WHERE ticket_id = ?", UUID.fromString(id));
                String outbox = (String) Db.queryOne(dataSource,
                        "SELECT string_agg(payload, ' ') FROM outbox_event WHERE event_key = ?", id);

                assertThat(ticket.getBoolean("secretsRedacted")).as(name).isEqualTo(redacted);
                assertSecretsGone(c, messages.getString("body[0]"), true, "GET messages of " + name);
                assertSecretsGone(c, stored, true, "ticket_message of " + name);
                assertSecretsGone(c, outbox, false, "outbox of " + name);
                for (JsonNode kept : c.get("expect").get("kept")) {
                    assertThat(stored).as(name).contains(kept.asText());
                }
                List<CustomerReplied> replied = decoded(onKafka, id, "customer-replied", CustomerReplied.class);
                assertThat(replied).as(name).isNotEmpty();
                assertThat(replied.get(0).secretsRedacted()).as(name).isEqualTo(redacted);
                for (ConsumerRecord<String, String> record : onKafka.getOrDefault(id, List.of())) {
                    assertSecretsGone(c, record.value(), false, "an event on Kafka of " + name);
                }
                if (redacted) {
                    assertThat(ticket.getString("category")).as(name).isEqualTo("SECURITY");
                    assertThat(ticket.getString("priority")).as(name).isEqualTo("HIGH");
                    assertThat(ticket.getBoolean("triage.category")).as("chosen by the service").isTrue();
                    assertThat(ticket.getBoolean("triage.priority")).isTrue();
                    List<PriorityChanged> priorityChanges = decoded(onKafka, id, "priority-changed", PriorityChanged.class);
                    assertThat(priorityChanges).as(name).isNotEmpty();
                    PriorityChanged raised = priorityChanges.get(0);
                    assertThat(raised.priority()).isEqualTo(Priority.HIGH);
                    assertThat(raised.category()).isEqualTo(Category.SECURITY);
                    assertThat(raised.changedBy()).isEqualTo("system");
                    assertThat(raised.version()).as("before the reply's event").isLessThan(replied.get(0).version());
                    List<String> actions = supervisor().get("/api/v1/tickets/" + id + "/history").then().statusCode(200)
                            .extract().jsonPath().getList("findAll { it.actor == 'system' }.action");
                    assertThat(actions).containsExactly("CATEGORY_CHANGED", "PRIORITY_CHANGED");
                } else {
                    assertThat(ticket.getString("priority")).as(name).isIn("LOW", "NORMAL");
                    assertThat(onKafka.getOrDefault(id, List.of())).extracting(r -> TopicProbe.header(r, "ce_type"))
                            .doesNotContain("priority-changed");
                }
            }
            assertThat(redactedCases).isGreaterThan(15);
            assertThat(Metrics.scrape().value("ticket_secrets_redacted_total") - redactedBefore)
                    .as("each reply that exposed secrets counts").isEqualTo(redactedCases);
        }
    }

    /** An URGENT ticket stays URGENT; a SECURITY/HIGH one is left as it is, but flagged and warned about again. */
    @Test
    void aTicketAlreadyAboveTheFloorKeepsItsPriorityAndStillGetsTheFlagAndTheWarning() {
        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            String urgent = TicketApi.createId(TicketApi.body("Account", "Please look at my account",
                    "\"category\":\"ACCOUNT_ACCESS\",\"priority\":\"URGENT\""));
            String security = TicketApi.createId(TicketApi.body("Wallet", "Is my wallet safe?",
                    "\"category\":\"SECURITY\",\"priority\":\"HIGH\""));
            for (String id : List.of(urgent, security)) {
                String reply = platform().body("{\"body\":\"my password is Tr0ub4dor&3-reply\"}")
                        .post("/api/v1/tickets/" + id + "/customer-replies")
                        .then().statusCode(201).extract().path("body");
                assertThat(reply).isEqualTo("my password is [REDACTED:PASSWORD]");
            }

            JsonPath first = supervisor().get("/api/v1/tickets/" + urgent).then().extract().jsonPath();
            assertThat(first.getString("category")).isEqualTo("SECURITY");
            assertThat(first.getString("priority")).isEqualTo("URGENT");
            assertThat(first.getBoolean("secretsRedacted")).isTrue();
            assertThat(first.getBoolean("triage.priority")).as("still the caller's").isFalse();
            JsonPath second = supervisor().get("/api/v1/tickets/" + security).then().extract().jsonPath();
            assertThat(second.getString("category")).isEqualTo("SECURITY");
            assertThat(second.getString("priority")).isEqualTo("HIGH");
            assertThat(second.getBoolean("secretsRedacted")).isTrue();
            assertThat(second.getBoolean("triage.category")).isFalse();
            for (String id : List.of(urgent, security)) {
                assertThat(events(probe, id, "customer-replied", CustomerReplied.class, 1).get(0).secretsRedacted()).isTrue();
                assertThat(probe.withHeader("ce_subject", id)).extracting(r -> TopicProbe.header(r, "ce_type"))
                        .doesNotContain("priority-changed");
                assertThat((String) Db.queryOne(dataSource, "SELECT string_agg(body, ' ') FROM ticket_message WHERE ticket_id = ?",
                        UUID.fromString(id))).isEqualTo("my password is [REDACTED:PASSWORD]");
            }
        }
    }

    /** A resolved ticket reopened by a reply with a secret is reopened and raised in the same transaction. */
    @Test
    void aReplyThatReopensAResolvedTicketRaisesItToo() {
        String id = TicketApi.createId(TicketApi.body("Thanks", "All good now", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        supervisor().contentType("application/merge-patch+json").body("{\"status\":\"RESOLVED\"}")
                .patch("/api/v1/tickets/" + id).then().statusCode(200);
        platform().body("{\"body\":\"It happened again, 2FA code: 482913\"}")
                .post("/api/v1/tickets/" + id + "/customer-replies")
                .then().statusCode(201);

        JsonPath ticket = supervisor().get("/api/v1/tickets/" + id).then().extract().jsonPath();
        assertThat(ticket.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(ticket.getString("category")).isEqualTo("SECURITY");
        assertThat(ticket.getString("priority")).isEqualTo("HIGH");
        assertThat(ticket.getBoolean("secretsRedacted")).isTrue();
        assertThat(supervisor().get("/api/v1/tickets/" + id + "/messages").then().extract().jsonPath().getString("body[0]"))
                .doesNotContain("482913");
    }

    private static String open(boolean callerSets) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("customer").put("id", "reply-" + UUID.randomUUID()).put("tier", "STANDARD").put("language", "en");
        request.put("channel", "CHAT").put("subject", "Question about fees").put("description", "How much is the trading fee?");
        if (callerSets) {
            request.put("category", "GENERAL").put("priority", "LOW");
        }
        JsonPath created = platform().body(request.toString()).post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        assertThat(created.getBoolean("secretsRedacted")).isFalse();
        assertThat(created.getString("priority")).as("below the floor to begin with").isIn("LOW", "NORMAL");
        assertThat(created.getString("category")).isNotEqualTo("SECURITY");
        return created.getString("id");
    }

    /** {@code words}: whether a single word of a phrase counts; not in event JSON, which has words of its own ("subject"). */
    private static void assertSecretsGone(JsonNode c, String where, boolean words, String what) {
        if (!c.get("expect").get("redacted").asBoolean()) {
            return;
        }
        String lower = where.toLowerCase(Locale.ROOT);
        for (JsonNode gone : c.get("expect").get("gone")) {
            String secret = gone.asText();
            if (!words && secret.matches("\\p{L}+")) {
                continue;
            }
            boolean left = secret.matches("[A-Za-z]+")
                    ? Pattern.compile("(?<![a-z])" + Pattern.quote(secret.toLowerCase(Locale.ROOT)) + "(?![a-z])")
                    .matcher(lower).find()
                    : where.contains(secret);
            assertThat(left).as("%s: '%s' left in %s: %s", c.get("id").asText(), secret, what, where).isFalse();
        }
    }

    private static <T extends ExDeskEvent> List<T> events(TopicProbe probe, String id, String type, Class<T> payload, int count) {
        await().atMost(WAIT).until(() -> ofType(probe, id, type).size() >= count);
        return ofType(probe, id, type).stream().map(r -> TestEventPublisher.decode(r.value(), payload)).toList();
    }

    private static List<ConsumerRecord<String, String>> ofType(TopicProbe probe, String id, String type) {
        return probe.withHeader("ce_subject", id).stream().filter(r -> type.equals(TopicProbe.header(r, "ce_type"))).toList();
    }

    private static boolean isRedacted(JsonNode c) {
        return c.get("expect").get("redacted").asBoolean();
    }

    /** The records read so far by the ticket they are about; a poll blocks, so read once and look up many. */
    private static Map<String, List<ConsumerRecord<String, String>>> bySubject(List<ConsumerRecord<String, String>> records) {
        Map<String, List<ConsumerRecord<String, String>>> bySubject = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String subject = TopicProbe.header(record, "ce_subject");
            if (subject != null) {
                bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(record);
            }
        }
        return bySubject;
    }

    private static List<ConsumerRecord<String, String>> ofType(Map<String, List<ConsumerRecord<String, String>>> bySubject,
                                                               String id, String type) {
        return bySubject.getOrDefault(id, List.of()).stream().filter(r -> type.equals(TopicProbe.header(r, "ce_type"))).toList();
    }

    private static <T extends ExDeskEvent> List<T> decoded(Map<String, List<ConsumerRecord<String, String>>> bySubject,
                                                           String id, String type, Class<T> payload) {
        return ofType(bySubject, id, type).stream().map(r -> TestEventPublisher.decode(r.value(), payload)).toList();
    }

    /** The first case of each family: the id up to its second dash (seed-en, seed-zhs, key-hex, pwd-zh, keep-tx…). */
    private static List<JsonNode> oneCasePerFamily() {
        Map<String, JsonNode> families = new LinkedHashMap<>();
        for (JsonNode c : corpus()) {
            String[] parts = c.get("id").asText().split("-");
            families.putIfAbsent(parts[0] + "-" + (parts.length > 1 ? parts[1] : ""), c);
        }
        return new ArrayList<>(families.values());
    }

    private static List<JsonNode> corpus() {
        try (InputStream in = TicketReplySecretsTest.class.getResourceAsStream("/intake/secrets-corpus.jsonl")) {
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
