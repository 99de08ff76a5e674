package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.PLATFORM;
import static io.exdesk.systemtests.Users.ROUTING;
import static io.exdesk.systemtests.Users.SUPERVISOR;
import static io.exdesk.systemtests.Users.TICKETS;
import static io.exdesk.systemtests.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.Topics;
import io.exdesk.systemtests.Users.Agent;
import io.exdesk.testkit.ExDeskProcesses;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TopicProbe;
import io.exdesk.testkit.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: customers paste secrets (the sample tickets that carry one, and a case of every family and
 * every writing system of ticket-service's intake corpus). No secret is ever visible anywhere a person or
 * another system could read it: API responses, events on any topic, e-mails, webhooks, and every log line
 * of the four services; and each such ticket carries the customer-facing flag, with the scam warning
 * e-mailed to the customer.
 */
@Order(4)
class PastedSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "s4-customer";
    private static final String CUSTOMER_EMAIL = "s4-customer@customers.exdesk.test";
    /** The secrets of the sample tickets flagged {@code "secrets": true}, as pasted. */
    private static final Map<String, List<String>> SAMPLE_SECRETS = Map.of(
            "sample-10", List.of("legal winner thank year wave sausage worth useful legal winner thank yellow"),
            "sample-11", List.of("cf06a7470015899915a0a984617ef8120903546739cbb331574271b8d703d5f2"),
            "sample-20", List.of("Hunter2-Secret!"),
            "sample-21", List.of("abandon ability able about above absent absorb abstract absurd abuse access accident"));

    /** A ticket to open, and the secrets it carries. */
    private record Pasted(String source, String language, String subject, String text, List<String> secrets) {
    }

    @Test
    void noPastedSecretIsVisibleAnywhereAndTheCustomerIsWarned() throws Exception {
        ExDeskProcesses exdesk = RunningExDesk.get();
        List<Pasted> pasted = pastedSecrets();
        Set<String> secrets = new LinkedHashSet<>();
        pasted.forEach(p -> secrets.addAll(p.secrets()));
        assertThat(SAMPLE_SECRETS.keySet()).as("every sample with a secret is opened")
                .allMatch(sample -> pasted.stream().anyMatch(p -> p.source().equals(sample)));

        // Agents who take some of them, so assignment e-mails and chats go out too. The customers' language
        // (what routing matches, not what they wrote in) is Portuguese, which no other scenario's agent speaks.
        Users.register(new Agent("s4-agent-1", "L1", "s4-team", List.of("SECURITY"), List.of("pt"), 20, true, "ONLINE"));
        Users.register(new Agent("s4-agent-2", "L1", "s4-team", List.of("SECURITY"), List.of("pt"), 20, true, "ONLINE"));
        Users.registerCustomerContact(CUSTOMER, CUSTOMER_EMAIL, "en");

        List<String> responses = new ArrayList<>();
        Map<String, String> numbers = new LinkedHashMap<>();
        for (Pasted ticket : pasted) {
            Map<String, Object> request = Users.ticket(CUSTOMER, "VIP", "pt", ticket.subject(), ticket.text());
            String created = as(PLATFORM, TICKETS).body(request).post("/api/v1/tickets").then().statusCode(201)
                    .extract().asString();
            responses.add(created);
            JsonPath view = JsonPath.from(created);
            assertThat(view.getBoolean("secretsRedacted")).as("the scam-warning flag of " + ticket.source()).isTrue();
            numbers.put(view.getString("id"), view.getString("number"));
        }

        // Every customer is warned by e-mail, once per ticket; the last of the messages owed are sent.
        await("a scam warning per ticket").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Users.emailsTo(CUSTOMER_EMAIL).size() >= pasted.size());
        assertThat(Users.emailsTo(CUSTOMER_EMAIL)).extracting(Users::subject)
                .containsExactlyInAnyOrderElementsOf(numbers.values().stream()
                        .map(number -> "Security notice about your ticket " + number).toList());
        await("the assignments' messages sent").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> numbers.keySet().stream().allMatch(id -> Users.deliveries(id).stream()
                        .allMatch(d -> "SENT".equals(d.get("status")))));

        // What people read through the APIs.
        for (String id : numbers.keySet()) {
            responses.add(as(SUPERVISOR, TICKETS).get("/api/v1/tickets/" + id).then().statusCode(200).extract().asString());
            responses.add(as(SUPERVISOR, TICKETS).get("/api/v1/tickets/" + id + "/history").then().extract().asString());
            responses.add(as(SUPERVISOR, TICKETS).get("/api/v1/tickets/" + id + "/messages").then().extract().asString());
            responses.add(as(Users.OPS, Users.NOTIFICATIONS).queryParam("ticketId", id).get("/api/v1/notifications")
                    .then().statusCode(200).extract().asString());
        }
        responses.add(as(PLATFORM, TICKETS).queryParam("customer", CUSTOMER).queryParam("limit", 100).get("/api/v1/tickets")
                .then().statusCode(200).extract().asString());
        responses.add(as(SUPERVISOR, ROUTING).get("/api/v1/routing/queue").then().statusCode(200).extract().asString());
        assertNoSecret("API responses", responses, secrets);

        // What reaches people and systems.
        List<String> mails = MailServer.get().all().stream().map(PastedSecretsTest::raw).toList();
        assertThat(mails).as("e-mails received").hasSizeGreaterThanOrEqualTo(pasted.size());
        assertNoSecret("e-mails (raw, every part and header)", mails, secrets);
        List<String> webhooks = WebhookReceiver.get().calls().stream().map(c -> c.path() + " " + c.headers() + " " + c.body())
                .toList();
        assertThat(webhooks).as("webhook calls received").isNotEmpty();
        assertNoSecret("webhook calls", webhooks, secrets);

        // Every event on every topic, keys and headers included.
        List<String> events = everyRecordOfEveryTopic(numbers.keySet());
        assertNoSecret("Kafka records", events, secrets);

        // Every line every service has logged.
        for (String service : exdesk.names()) {
            List<String> lines = Files.readAllLines(exdesk.log(service), StandardCharsets.UTF_8);
            assertThat(lines).as(service + " logged").isNotEmpty();
            assertNoSecret(service + "'s log", lines, secrets);
        }
        numbers.keySet().forEach(Users::close);
    }

    private static void assertNoSecret(String where, List<String> texts, Set<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String text : texts) {
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(secret + " in: " + text.substring(0, Math.min(text.length(), 300)));
                }
            }
        }
        assertThat(leaks).as("secrets visible in " + where).isEmpty();
    }

    /**
     * Reads every topic from the beginning, dead-letter topics included, until the ticket-created records
     * of this scenario's tickets are all there and two further polls bring nothing new.
     */
    private static List<String> everyRecordOfEveryTopic(Set<String> ticketIds) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.get().kafkaBootstrapServers()))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        assertThat(topics).contains(Topics.TICKET_EVENTS, Topics.ASSIGNMENT_EVENTS, Topics.SLA_EVENTS);
        List<ConsumerRecord<String, String>> read;
        try (TopicProbe probe = new TopicProbe(topics)) {
            int[] lastSize = {-1};
            int[] stable = {0};
            read = await("every record of " + topics).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        List<ConsumerRecord<String, String>> records = probe.poll();
                        stable[0] = records.size() == lastSize[0] ? stable[0] + 1 : 0;
                        lastSize[0] = records.size();
                        return records;
                    }, records -> stable[0] >= 2 && records.stream().filter(r -> Topics.TICKET_EVENTS.equals(r.topic())
                            && ticketIds.contains(r.key())).map(r -> r.key()).distinct().count() == ticketIds.size());
        }
        List<String> records = new ArrayList<>();
        for (ConsumerRecord<String, String> record : read) {
            StringBuilder text = new StringBuilder(record.topic()).append(' ').append(record.key()).append(' ');
            record.headers().forEach(h -> text.append(h.key()).append('=')
                    .append(new String(h.value(), StandardCharsets.UTF_8)).append(' '));
            records.add(text.append(record.value()).toString());
        }
        return records;
    }

    private static String raw(MimeMessage message) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8) + MailServer.part(message, "text/plain")
                    + MailServer.part(message, "text/html");
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sample tickets that carry a secret (ticket-service's copy of shared/data/sample-tickets.jsonl, which
     * its TicketIntakeSamplesTest holds to the expected triage), then the redacted tickets of the intake corpus
     * this scenario needs: the first case of each family (the id up to its second dash: seed-en, key-hex,
     * pwd-json, pwd-i18n…, as ticket-service's TicketLogsTest and TicketReplySecretsTest pick them), and the
     * first case of each writing system, which the credential words of fifteen languages bring in (the Unicode
     * block of a text's first letter beyond ASCII: Latin-1, Latin Extended-A, Cyrillic, Katakana, Hangul,
     * Thai…). Whether a path leaks depends on the path a text takes and on how its characters are carried
     * (JSON escapes, an e-mail's MIME encoding, UTF-8 in records and logs), not on which rule or language
     * found the secret: every case of the corpus is redacted through the API in ticket-service's
     * TicketSecretsIntakeTest, and this scenario sends each kind of secret down every path.
     */
    private static List<Pasted> pastedSecrets() {
        Path root = repositoryRoot();
        List<Pasted> pasted = new ArrayList<>();
        for (JsonNode sample : jsonLines(root.resolve("ticket-service/src/test/resources/intake/sample-tickets.jsonl"))) {
            if (sample.path("expect").path("secrets").asBoolean()) {
                String id = sample.path("id").asText();
                pasted.add(new Pasted(id, sample.path("language").asText(), sample.path("subject").asText(),
                        sample.path("body").asText(), SAMPLE_SECRETS.getOrDefault(id, List.of())));
            }
        }
        Set<String> families = new HashSet<>();
        Set<Character.UnicodeBlock> writing = new HashSet<>();
        Set<String> kinds = new TreeSet<>();
        Set<String> kindsSent = new TreeSet<>();
        for (JsonNode entry : jsonLines(root.resolve("ticket-service/src/test/resources/intake/secrets-corpus.jsonl"))) {
            if (!entry.path("expect").path("redacted").asBoolean()) {
                continue;
            }
            String id = entry.path("id").asText();
            String text = entry.path("text").asText();
            entry.path("expect").path("kinds").forEach(kind -> kinds.add(kind.asText()));
            String[] parts = id.split("-");
            // both sets learn the case, whichever of them makes it new
            if (!(families.add(parts[0] + "-" + (parts.length > 1 ? parts[1] : "")) | writing.add(writingSystem(text)))) {
                continue;
            }
            entry.path("expect").path("kinds").forEach(kind -> kindsSent.add(kind.asText()));
            List<String> secrets = new ArrayList<>();
            for (JsonNode gone : entry.path("expect").path("gone")) {
                // The secrets themselves; a single word of a phrase ("spring") is also just a word.
                if (gone.asText().length() >= 6 && !gone.asText().matches("\\p{L}+")) {
                    secrets.add(gone.asText());
                }
            }
            pasted.add(new Pasted(id, entry.path("language").asText(),
                    "zh-CN".equals(entry.path("language").asText()) ? "钱包求助" : "Wallet help", text, secrets));
        }
        assertThat(kindsSent).as("the kinds of secret sent").isEqualTo(kinds);
        return pasted;
    }

    /** The Unicode block of the first letter beyond ASCII, BASIC_LATIN for a text without one. */
    private static Character.UnicodeBlock writingSystem(String text) {
        return text.codePoints().filter(c -> c > 0x7f && Character.isLetter(c)).mapToObj(Character.UnicodeBlock::of)
                .findFirst().orElse(Character.UnicodeBlock.BASIC_LATIN);
    }

    private static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
