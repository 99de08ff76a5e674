package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.CustomerTier;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.TestClock;
import io.exdesk.testkit.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each default rule and each template language, end to end: events on the real broker, e-mail
 * through a real SMTP server, chat to a real HTTP receiver.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class NotificationRulesTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Test
    void anAssignmentTellsTheAgentByEmailAndChatWithTheTicketFacts() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(assigned(ticket, number, agent, team, "zh-CN"));

        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1 && hooks.successfulCalls(hookPath(agent)).size() == 1);
        MimeMessage message = mail.to(email(agent)).get(0);
        String text = MailServer.part(message, "text/plain");
        String html = MailServer.part(message, "text/html");
        assertThat(message.getSubject()).contains(number).contains("assigned to you").contains("HIGH");
        // The agent's language wins over the ticket's.
        for (String body : List.of(text, html)) {
            assertThat(body).contains(number, "HIGH", "WITHDRAWAL", "https://support.test/tickets/" + ticket);
        }
        assertThat(html).contains("<a href=\"https://support.test/tickets/" + ticket + "\"");
        Map<String, Object> email = delivery(ticket, "agent:" + agent, "EMAIL");
        assertThat(message.getMessageID()).isEqualTo("<" + email.get("id") + "@notification.exdesk>");
        assertThat(email).containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("language", "en");

        WebhookReceiver.Call chat = hooks.successfulCalls(hookPath(agent)).get(0);
        String slackText = JSON.readTree(chat.body()).get("text").asText();
        assertThat(slackText).contains(number, "HIGH", "WITHDRAWAL", "https://support.test/tickets/" + ticket);
        assertThat(chat.header("Idempotency-Key")).isEqualTo(delivery(ticket, "agent:" + agent, "CHAT").get("id"));
    }

    @Test
    void aWarningThatIsTheFirstEventOfItsTicketNamesItsTicketAndReachesTheAssignee() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        Instant due = Instant.parse("2030-01-02T03:04:00Z");
        publisher.publish(warning(ticket, number, 1, agent, due));

        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1);
        MimeMessage message = mail.to(email(agent)).get(0);
        assertThat(message.getSubject()).contains(number);
        assertThat(MailServer.part(message, "text/plain"))
                .contains("Due: 2030-01-02 03:04 UTC").contains("50 %").contains("FIRST_RESPONSE")
                .contains(number, "HIGH", "WITHDRAWAL");
    }

    @Test
    void anEscalationPlannedBeforeTheAssignmentReachesTheSupervisorOfTheAssigneesTeam() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        String supervisor = agent("en", team, true);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(warning(ticket, number, 2, agent, now().plus(10, ChronoUnit.MINUTES)));

        await().atMost(WAIT).until(() -> mail.to(email(supervisor)).size() == 1 && mail.to(email(agent)).size() == 1);
        assertThat(mail.to(email(supervisor)).get(0).getSubject()).contains("Escalation", number);
        assertThat(MailServer.part(mail.to(email(supervisor)).get(0), "text/plain")).contains(number, "WITHDRAWAL");
        publisher.publish(assigned(ticket, number, agent, team, "en"));
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 2);
        assertThat(deliveries(ticket)).extracting(d -> d.get("ticketNumber")).containsOnly(number);
    }

    @Test
    void aChineseSpeakingAgentGetsTheChineseTemplates() throws Exception {
        String team = team();
        String agent = agent("zh-CN", team, false);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(assigned(ticket, number, agent, team, "en"));

        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1 && hooks.successfulCalls(hookPath(agent)).size() == 1);
        MimeMessage message = mail.to(email(agent)).get(0);
        assertThat(message.getSubject()).isEqualTo("[ExDesk] 工单 " + number + " 已分配给您（HIGH）");
        assertThat(MailServer.part(message, "text/plain")).contains("优先级：HIGH", "类别：WITHDRAWAL", "截止时间：未设定",
                "链接：https://support.test/tickets/" + ticket);
        assertThat(MailServer.part(message, "text/html")).contains("lang=\"zh-CN\"");
        assertThat(JSON.readTree(hooks.successfulCalls(hookPath(agent)).get(0).body()).get("text").asText())
                .contains("已分配给您", number);
        assertThat(delivery(ticket, "agent:" + agent, "EMAIL")).containsEntry("language", "zh-CN");
    }

    @Test
    void aWarningTellsTheAssigneeAndFromTheEscalationLevelOnAlsoTheSupervisor() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        String supervisor = agent("en", team, true);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(assigned(ticket, number, agent, team, "en"));
        Instant due = now().plus(10, ChronoUnit.MINUTES);
        publisher.publish(warning(ticket, number, 1, agent, due));
        publisher.publish(warning(ticket, number, 2, agent, due));

        // Assignment + two warnings to the agent, only the level-2 escalation to the supervisor.
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 3 && mail.to(email(supervisor)).size() == 1
                && hooks.successfulCalls(hookPath(supervisor)).size() == 1);
        MimeMessage escalation = mail.to(email(supervisor)).get(0);
        assertThat(escalation.getSubject()).contains("Escalation").contains("warning 2");
        assertThat(MailServer.part(escalation, "text/plain")).contains("assignee: " + agent);
        assertThat(deliveries(ticket).stream().filter(d -> d.get("rule").equals("sla-escalation")))
                .extracting(d -> d.get("recipient") + "/" + d.get("channel"))
                .containsExactlyInAnyOrder("agent:" + supervisor + "/EMAIL", "agent:" + supervisor + "/CHAT");
    }

    @Test
    void aBreachTellsTheSupervisorAndTheOpsChannelWithAVerifiableSignature() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        String supervisor = agent("zh-CN", team, true);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(assigned(ticket, number, agent, team, "en"));
        publisher.publish(breached(ticket, number, agent, now()));

        awaitBreachMessages(supervisor, number);
        assertThat(mail.to(email(supervisor)).get(0).getSubject()).contains("SLA 已违约").contains(number);

        // What a receiver does: recompute the HMAC over "<timestamp>.<raw body>" with the shared secret.
        WebhookReceiver.Call ops = opsCallFor(number);
        String timestamp = ops.header("X-ExDesk-Timestamp");
        assertThat(ops.header("X-ExDesk-Signature")).isEqualTo("sha256=" + hmac("test-signing-secret", timestamp + "." + ops.body()));
        // The receiver's own clock: here the application's, which other tests move forward.
        assertThat(Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
        assertThat(ops.header("X-ExDesk-Signature")).isNotEqualTo("sha256=" + hmac("another-secret", timestamp + "." + ops.body()));
        JsonNode body = JSON.readTree(ops.body());
        assertThat(body.get("eventType").asText()).isEqualTo("sla-breached");
        assertThat(body.get("ticketId").asText()).isEqualTo(ticket.toString());
        assertThat(body.get("text").asText()).contains(number, "HIGH", "WITHDRAWAL", "https://support.test/tickets/" + ticket);
        assertThat(body.get("id").asText()).isEqualTo(ops.header("Idempotency-Key"));
        assertBreachOwedOnlyTheSupervisorAndOps(ticket, supervisor);
    }

    @Test
    void aBreachPlannedBeforeTheAssignmentNamesTheTicket() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        String supervisor = agent("en", team, true);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(breached(ticket, number, agent, now()));
        // The breach is planned before the assignment exists: the order the three topics may be read in.
        awaitBreachMessages(supervisor, number);
        publisher.publish(assigned(ticket, number, agent, team, "en"));
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1);

        assertBreachNamesTheTicket(ticket, number, supervisor);
        assertBreachOwedOnlyTheSupervisorAndOps(ticket, supervisor);
    }

    @Test
    void aBreachThatIsTheOnlyEventOfItsTicketNamesTheTicket() throws Exception {
        String team = team();
        String agent = agent("en", team, false);
        String supervisor = agent("en", team, true);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(breached(ticket, number, agent, now()));

        awaitBreachMessages(supervisor, number);
        assertBreachNamesTheTicket(ticket, number, supervisor);
        assertBreachOwedOnlyTheSupervisorAndOps(ticket, supervisor);
    }

    private void awaitBreachMessages(String supervisor, String number) {
        await().atMost(WAIT).until(() -> mail.to(email(supervisor)).size() == 1
                && hooks.successfulCalls(hookPath(supervisor)).size() == 1 && opsCallFor(number) != null);
    }

    private void assertBreachNamesTheTicket(UUID ticket, String number, String supervisor) throws Exception {
        MimeMessage message = mail.to(email(supervisor)).get(0);
        assertThat(message.getSubject()).contains(number);
        assertThat(MailServer.part(message, "text/plain")).contains(number, "WITHDRAWAL");
        assertThat(JSON.readTree(opsCallFor(number).body()).get("text").asText()).contains(number, "WITHDRAWAL");
        assertThat(JSON.readTree(opsCallFor(number).body()).get("ticketNumber").asText()).isEqualTo(number);
        assertThat(deliveries(ticket).stream().filter(d -> d.get("rule").equals("sla-breached")))
                .extracting(d -> d.get("ticketNumber")).containsOnly(number);
    }

    /** The assignee is not on the breach rule: the breach's deliveries, all written at once, name only these. */
    private static void assertBreachOwedOnlyTheSupervisorAndOps(UUID ticket, String supervisor) {
        assertThat(deliveries(ticket).stream().filter(d -> d.get("rule").equals("sla-breached")))
                .extracting(d -> d.get("recipient") + "/" + d.get("channel"))
                .containsExactlyInAnyOrder("agent:" + supervisor + "/EMAIL", "agent:" + supervisor + "/CHAT",
                        "channel:ops/CHAT");
    }

    @Test
    void aVipTicketGoesToTheVipDeskInItsConfiguredLanguage() throws Exception {
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(created(ticket, number, CustomerTier.VIP, false, "cust-" + UUID.randomUUID(), "en"));

        await().atMost(WAIT).until(() -> vipCallFor(number) != null);
        String text = JSON.readTree(vipCallFor(number).body()).get("text").asText();
        assertThat(text).contains("新 VIP 工单 " + number, "URGENT", "SECURITY", "https://support.test/tickets/" + ticket);
        assertThat(vipCallFor(number).header("X-ExDesk-Signature")).isNull();
    }

    @Test
    void aStandardTicketDoesNotGoToTheVipDesk() {
        String customer = "cust-" + UUID.randomUUID();
        String address = customer + "@customers.test";
        as(Roles.PLATFORM).body(Map.of("email", address)).put("/api/v1/contacts/customers/" + customer).then().statusCode(200);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        // Redacted secrets owe the customer a warning: its arrival shows the event was handled.
        publisher.publish(created(ticket, number, CustomerTier.STANDARD, true, customer, "en"));

        await().atMost(WAIT).until(() -> mail.to(address).size() == 1);
        assertThat(deliveries(ticket)).extracting(d -> d.get("rule")).containsExactly("secrets-redacted");
        assertThat(vipCallFor(number)).isNull();
    }

    @Test
    void redactedSecretsWarnTheCustomerInTheirLanguage() {
        for (String language : List.of("zh-CN", "en")) {
            String customer = "cust-" + UUID.randomUUID();
            String address = customer + "@customers.test";
            as(Roles.PLATFORM).body(Map.of("email", address, "language", language))
                    .put("/api/v1/contacts/customers/" + customer).then().statusCode(200);
            UUID ticket = UUID.randomUUID();
            String number = ticketNumber();
            publisher.publish(created(ticket, number, CustomerTier.STANDARD, true, customer, "en"));

            await().atMost(WAIT).until(() -> mail.to(address).size() == 1);
            String text = MailServer.part(mail.to(address).get(0), "text/plain");
            assertThat(text).contains(number, "URGENT", "SECURITY", "https://support.test/tickets/" + ticket);
            assertThat(text).contains(language.equals("en")
                    ? "We never ask for private keys, seed phrases or passwords"
                    : "我们绝不会索要私钥、助记词或密码");
        }
    }

    @Test
    void aRecipientWithoutAnAddressIsDeadLetteredVisiblyNotSkipped() {
        UUID ticket = UUID.randomUUID();
        String unknownAgent = "agent-unknown-" + UUID.randomUUID().toString().substring(0, 8);
        // Their profile says they have neither e-mail nor chat (an agent without a profile yet is waited for).
        publishAndAwait(profile(unknownAgent, 1, "en", null, false, null, null, null));
        publisher.publish(assigned(ticket, ticketNumber(), unknownAgent, null, "en"));

        await().atMost(WAIT).until(() -> deliveries(ticket).size() == 2);
        assertThat(deliveries(ticket)).allSatisfy(d -> {
            assertThat(d).containsEntry("status", "DEAD").containsEntry("recipient", "agent:" + unknownAgent);
            assertThat((String) d.get("lastError")).contains("contact directory");
        });
    }

    private WebhookReceiver.Call opsCallFor(String number) {
        return hooks.successfulCalls("/hooks/ops").stream().filter(c -> c.body().contains(number)).findFirst().orElse(null);
    }

    private WebhookReceiver.Call vipCallFor(String number) {
        return hooks.successfulCalls("/hooks/vip-desk").stream().filter(c -> c.body().contains(number)).findFirst().orElse(null);
    }

    private static String hmac(String key, String data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
