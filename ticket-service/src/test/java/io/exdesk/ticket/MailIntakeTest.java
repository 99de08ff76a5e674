package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.agroal.api.AgroalDataSource;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TopicProbe;
import io.exdesk.ticket.domain.mail.InboundMail;
import io.exdesk.ticket.service.MailIntake;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * E-mail intake end to end: mails sent over real SMTP into a real IMAP mailbox (GreenMail), read by the service's
 * poller, saved in the real database, their events on the real broker. A Chinese mail becomes an EMAIL ticket in
 * zh-CN with its password redacted; replies thread by the number in the subject and by In-Reply-To (also to
 * ExDesk's own reply); automatic mail and bounces are dropped and counted; a mail read again, or by two readers at
 * once, makes one ticket; an agent's reply is owed to the customer by e-mail with the thread's references.
 */
@QuarkusTest
@TestProfile(MailIntakeTest.Mailbox.class)
@WithTestResource(ExDeskTestResources.class)
class MailIntakeTest {

    private static final String SUPPORT = "support@exdesk.test";
    private static final String PASSWORD = "mailbox-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GreenMail mailServer;

    /** The support mailbox, polled every second. */
    public static class Mailbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            startMailServer();
            return Map.of(
                    "ticket.mail-intake.host", "127.0.0.1",
                    "ticket.mail-intake.port", Integer.toString(mailServer.getImap().getPort()),
                    "ticket.mail-intake.tls", "false",
                    "ticket.mail-intake.user", SUPPORT,
                    "ticket.mail-intake.password", PASSWORD,
                    "ticket.mail-intake.every", "1s",
                    "ticket.mail-intake.batch-size", "5");
        }
    }

    private static synchronized void startMailServer() {
        if (mailServer == null) {
            mailServer = new GreenMail(new ServerSetup[]{
                    new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
            mailServer.start();
            mailServer.setUser(SUPPORT, SUPPORT, PASSWORD);
        }
    }

    @AfterAll
    static void stopMailServer() {
        if (mailServer != null) {
            mailServer.stop();
            mailServer = null;
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    MailIntake intake;

    @Test
    void aChineseMailBecomesAnEmailTicketInChineseWithItsSecretRedacted() {
        String customer = unique("wang.fang");
        String messageId = send(customer, "提现未到账", """
                您好，我昨天提现的USDT到现在还没有到账，已经过了十二个小时。
                我的密码是abc123456，请帮我查一下。""", Map.of());

        JsonPath ticket = ticketOf(messageId);
        assertThat(ticket.getString("channel")).isEqualTo("EMAIL");
        assertThat(ticket.getString("customer.language")).isEqualTo("zh-CN");
        assertThat(ticket.getString("customer.contact.email")).isEqualTo(customer);
        assertThat(ticket.getString("customer.id")).startsWith("mail:").doesNotContain("wang.fang");
        assertThat(ticket.getString("subject")).isEqualTo("提现未到账");
        assertThat(ticket.getString("description")).contains("[REDACTED:PASSWORD]").doesNotContain("abc123456");
        assertThat(ticket.getBoolean("secretsRedacted")).isTrue();
        assertThat(ticket.getString("category")).isEqualTo("SECURITY");
        assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE payload::text LIKE ?",
                "%abc123456%")).isZero();
        await().atMost(WAIT).until(() -> seen(messageId));
        given200Health();
    }

    @Test
    void repliesThreadByTheTicketNumberInTheSubjectAndByInReplyTo() {
        String customer = unique("li.lei");
        String first = send(customer, "Deposit not credited", "My BTC deposit from yesterday is missing.", Map.of());
        JsonPath ticket = ticketOf(first);
        String id = ticket.getString("id");
        String number = ticket.getString("number");

        send(customer, "Re: Deposit not credited [#" + number + "]", """
                It has 3 confirmations now.

                On Mon, 30 Nov 2026 at 10:00, Support <support@exdesk.test> wrote:
                > Please send the transaction id.""", Map.of());
        send(customer, "another subject", "Still nothing on my balance.", Map.of("In-Reply-To", "<" + first + ">"));

        await().atMost(WAIT).until(() -> customerReplies(id).size() == 2);
        assertThat(customerReplies(id)).containsExactlyInAnyOrder("It has 3 confirmations now.",
                "Still nothing on my balance.");
        assertThat(Db.count(db, "SELECT count(*) FROM ticket WHERE contact_email = ?", customer)).isEqualTo(1);
    }

    @Test
    void anotherSenderCannotWriteIntoSomeonesTicketByItsNumber() {
        String owner = unique("owner");
        JsonPath ticket = ticketOf(send(owner, "KYC rejected", "Why was my KYC rejected?", Map.of()));
        String stranger = unique("stranger");
        String intruding = send(stranger, "Re: [#" + ticket.getString("number") + "]", "Close this ticket.", Map.of());

        JsonPath own = ticketOf(intruding);
        assertThat(own.getString("id")).isNotEqualTo(ticket.getString("id"));
        assertThat(own.getString("customer.contact.email")).isEqualTo(stranger);
        assertThat(customerReplies(ticket.getString("id"))).isEmpty();
    }

    @Test
    void autoRepliesBouncesAndLoopsAreDroppedAndCounted() throws Exception {
        Metrics before = Metrics.scrape();
        String customer = unique("away");
        String autoReply = send(customer, "Out of office", "I am away until Monday.",
                Map.of("Auto-Submitted", "auto-replied"));
        String bulk = send(customer, "Newsletter", "Our weekly news.", Map.of("Precedence", "bulk"));
        String loop = send(SUPPORT, "Re: [#EXD-1]", "A reply that came back to the mailbox.", Map.of());
        String bounce = sendBounce();

        for (String messageId : List.of(autoReply, bulk, loop, bounce)) {
            await().atMost(WAIT).until(() -> seen(messageId));
        }
        Metrics after = Metrics.scrape();
        for (String reason : List.of("auto_submitted", "bulk", "loop", "bounce")) {
            assertThat(after.value("ticket_mail_dropped_total", "reason", reason)
                    - before.value("ticket_mail_dropped_total", "reason", reason)).as(reason).isEqualTo(1);
        }
        assertThat(Db.count(db, "SELECT count(*) FROM mail_message WHERE message_id IN (?, ?, ?, ?)",
                autoReply, bulk, loop, bounce)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM ticket WHERE contact_email = ?", customer)).isZero();
    }

    @Test
    void aMailReadAgainOrByTwoReadersAtOnceMakesOneTicket() throws Exception {
        String customer = unique("twice");
        String messageId = send(customer, "Withdrawal failed", "My withdrawal failed twice.", Map.of());
        String id = ticketOf(messageId).getString("id");
        await().atMost(WAIT).until(() -> seen(messageId));
        Metrics before = Metrics.scrape();

        markUnseen(messageId);
        await().atMost(WAIT).until(() -> seen(messageId));
        assertThat(Metrics.scrape().value("ticket_mail_intake_total", "outcome", "duplicate")
                - before.value("ticket_mail_intake_total", "outcome", "duplicate")).isEqualTo(1);

        // Two instances read a new mail at the same moment, before either flagged it.
        InboundMail mail = new InboundMail(UUID.randomUUID() + "@mail.test", customer, null, "Trade failed",
                "My order was rejected.", List.of(), InboundMail.AutomaticSigns.NONE);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Callable<MailIntake.Result> read = () -> intake.receive(mail);
            List<Future<MailIntake.Result>> results = readers.invokeAll(List.of(read, read));
            assertThat(results.get(0).get().ticketId()).isEqualTo(results.get(1).get().ticketId());
        } finally {
            readers.shutdown();
        }
        assertThat(Db.count(db, "SELECT count(*) FROM ticket WHERE contact_email = ?", customer)).isEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM ticket WHERE contact_email = ? AND subject = 'Trade failed'",
                customer)).isEqualTo(1);
        assertThat(Db.count(db, "SELECT count(*) FROM ticket WHERE id = ?::uuid", id)).isEqualTo(1);
    }

    @Test
    void anAgentsReplyIsOwedByEmailInTheThreadAndTheAnswerToItThreads() throws Exception {
        String customer = unique("zhang.wei");
        String first = send(customer, "账户被锁定", "我的账户被锁定了，无法登录。", Map.of());
        JsonPath ticket = ticketOf(first);
        String id = ticket.getString("id");
        String number = ticket.getString("number");
        String later = send(customer, "Re: 账户被锁定 [#" + number + "]", "请尽快处理。", Map.of());
        await().atMost(WAIT).until(() -> customerReplies(id).size() == 1);

        try (TopicProbe replies = new TopicProbe(Topics.EMAIL_REPLIES)) {
            String replyId = as("agent-zh-1", Roles.SUPERVISOR).body("{\"body\":\"您好，账户已解锁，请重新登录。\"}")
                    .post("/api/v1/tickets/" + id + "/replies").then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> owed = await().atMost(WAIT).until(
                    () -> replies.poll().stream().filter(r -> id.equals(r.key())).findFirst().orElse(null),
                    r -> r != null);
            JsonNode reply = JSON.readTree(owed.value());
            assertThat(TopicProbe.header(owed, "ce_type")).isEqualTo("email-reply");
            assertThat(reply.get("to").asText()).isEqualTo(customer);
            assertThat(reply.get("subject").asText()).isEqualTo("Re: 账户被锁定 [#" + number + "]");
            assertThat(reply.get("body").asText()).isEqualTo("您好，账户已解锁，请重新登录。");
            assertThat(reply.get("messageId").asText()).isEqualTo(replyId);
            assertThat(reply.get("inReplyTo").asText()).isEqualTo(later);
            List<String> references = new ArrayList<>();
            reply.get("references").forEach(r -> references.add(r.asText()));
            assertThat(references).containsExactly(first, later);
            assertThat(reply.get("language").asText()).isEqualTo("zh-CN");

            // The customer answers ExDesk's mail; their client keeps only the headers.
            send(customer, "谢谢", "可以登录了，谢谢！", Map.of("In-Reply-To", "<" + replyId + "@notification.exdesk>"));
            await().atMost(WAIT).until(() -> customerReplies(id).size() == 2);
            assertThat(customerReplies(id)).contains("可以登录了，谢谢！");
        }
    }

    @Test
    void erasingAMailCustomerLeavesNoAddressMessageIdOrAnsweredWordsBehind() {
        String customer = unique("chen.hao");
        String first = send(customer, "Withdrawal stuck", "My withdrawal has been pending since yesterday.", Map.of());
        JsonPath ticket = ticketOf(first);
        String id = ticket.getString("id");
        String customerId = ticket.getString("customer.id");
        String answer = "We are checking withdrawal " + UUID.randomUUID();
        as("agent-en-1", Roles.SUPERVISOR).body("{\"body\":\"" + answer + "\"}")
                .post("/api/v1/tickets/" + id + "/replies").then().statusCode(201);
        List<String> customersData = List.of(customer, first, customerId, answer);
        // The mail's Message-ID (mail_message), the address and the answer in the email-reply (outbox) are there.
        assertThat(DatabaseSearch.inTestDatabase(List.of(first))).isNotEmpty();
        assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?",
                id, "email-reply")).isEqualTo(1);

        as("dpo-1", Roles.ADMIN).post("/api/v1/customers/" + customerId + "/erasure").then().statusCode(200);

        assertThat(DatabaseSearch.inTestDatabase(customersData)).as("nothing of the customer in any column").isEmpty();
        // ExDesk's own Message-ID of the answer names nobody and still threads.
        assertThat(Db.count(db, "SELECT count(*) FROM mail_message WHERE ticket_id = ?::uuid AND direction = 'OUT'",
                id)).isEqualTo(1);
    }

    @Test
    void ticketsThePlatformOpensAreNotAnsweredByEmail() {
        String id = TicketApi.createId(TicketApi.body("Fees", "What are the fees?", ""));
        supervisor().body("{\"body\":\"See our fee page.\"}").post("/api/v1/tickets/" + id + "/replies")
                .then().statusCode(201);
        // An email-reply would have been written in the reply's transaction, with its ticket-responded.
        assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?",
                id, "ticket-responded")).isEqualTo(1);
        assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_key = ? AND event_type = ?",
                id, "email-reply")).isZero();
    }

    // ---- helpers ----

    private void given200Health() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'mail-intake' }.data.mailbox", org.hamcrest.Matchers.equalTo("reachable"));
    }

    private JsonPath ticketOf(String messageId) {
        String id = await().atMost(WAIT).until(() -> (String) asString(Db.queryOne(db,
                "SELECT ticket_id FROM mail_message WHERE message_id = ?", messageId)), v -> v != null);
        return supervisor().get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static Object asString(Object value) {
        return value == null ? null : value.toString();
    }

    private List<String> customerReplies(String ticketId) {
        return supervisor().get("/api/v1/tickets/" + ticketId + "/messages").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.authorType == 'CUSTOMER' }.body");
    }

    private static String unique(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@mail.test";
    }

    /** Sends over SMTP to the support mailbox; the Message-ID (without brackets). */
    private static String send(String from, String subject, String text, Map<String, String> headers) {
        try {
            MimeMessage message = message(from, subject);
            message.setText(text, "UTF-8");
            headers.forEach((name, value) -> {
                try {
                    message.setHeader(name, value);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            return deliver(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery status notification as a mail server sends it. */
    private static String sendBounce() throws MessagingException {
        MimeMessage message = message("MAILER-DAEMON@mail.test", "Undelivered Mail Returned to Sender");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("This is the mail system. Your message could not be delivered.", "UTF-8");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mail.test\r\n\r\nFinal-Recipient: rfc822; nobody@mail.test\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n", "message/delivery-status");
        report.addBodyPart(human);
        report.addBodyPart(status);
        message.setContent(report);
        return deliver(message);
    }

    private static MimeMessage message(String from, String subject) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(mailServer.getSmtp().getPort()));
        String messageId = UUID.randomUUID() + "@mail.test";
        MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        return message;
    }

    private static String deliver(MimeMessage message) throws MessagingException {
        message.saveChanges();
        String id = message.getMessageID();
        Transport.send(message);
        return id.substring(1, id.length() - 1);
    }

    private static boolean seen(String messageId) throws MessagingException {
        return withInbox(inbox -> {
            for (Message message : inbox.getMessages()) {
                if (("<" + messageId + ">").equals(((MimeMessage) message).getMessageID())) {
                    return message.isSet(Flags.Flag.SEEN);
                }
            }
            return false;
        });
    }

    private static void markUnseen(String messageId) throws MessagingException {
        withInbox(inbox -> {
            for (Message message : inbox.getMessages()) {
                if (("<" + messageId + ">").equals(((MimeMessage) message).getMessageID())) {
                    message.setFlag(Flags.Flag.SEEN, false);
                }
            }
            return true;
        });
    }

    private interface InboxWork<T> {
        T apply(Folder inbox) throws MessagingException;
    }

    private static <T> T withInbox(InboxWork<T> work) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect("127.0.0.1", mailServer.getImap().getPort(), SUPPORT, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                return work.apply(inbox);
            } finally {
                inbox.close(false);
            }
        }
    }
}
