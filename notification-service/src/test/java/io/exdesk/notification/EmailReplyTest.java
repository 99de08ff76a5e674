package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.EmailReply;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.MailServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An agent's reply to a customer who wrote by e-mail ({@code email-reply} on the real broker) reaches the
 * customer's mailbox at a real SMTP server, in their thread: In-Reply-To their last mail, References the
 * thread, the ticket number in the subject, and the Message-ID ticket-service recorded; once, however often the
 * event is delivered.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class EmailReplyTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anAgentsReplyReachesTheCustomerInTheirThreadOnce() throws Exception {
        UUID ticket = UUID.randomUUID();
        UUID replyId = UUID.randomUUID();
        String number = ticketNumber();
        String customer = "wang.fang." + UUID.randomUUID().toString().substring(0, 8) + "@mail.test";
        EmailReply reply = new EmailReply(ticket, 4, now(), number, replyId, "mail:customer-" + replyId, "zh-CN",
                customer, "Re: 提现未到账 [#" + number + "]", "您好，<您的提现> 已到账 & 请查收。\n客服 李伟",
                "second@mail.test", List.of("first@mail.test", "second@mail.test"));
        UUID eventId = publisher.publish(reply);
        publisher.publish(reply, eventId);
        publisher.publish(reply);

        await().atMost(WAIT).until(() -> mail.to(customer).size() == 1);
        MimeMessage message = mail.to(customer).get(0);
        assertThat(message.getSubject()).isEqualTo("Re: 提现未到账 [#" + number + "]");
        assertThat(message.getMessageID()).isEqualTo("<" + replyId + "@notification.exdesk>");
        assertThat(message.getHeader("In-Reply-To", null)).isEqualTo("<second@mail.test>");
        assertThat(message.getHeader("References", null)).isEqualTo("<first@mail.test> <second@mail.test>");
        assertThat(MailServer.part(message, "text/plain")).contains("您好，<您的提现> 已到账 & 请查收。", "客服 李伟");
        assertThat(MailServer.part(message, "text/html")).contains("&lt;您的提现&gt; 已到账 &amp; 请查收。");

        Map<String, Object> delivery = await().atMost(WAIT).until(
                () -> deliveries(ticket, "customer:mail:customer-" + replyId, "EMAIL"),
                found -> found.size() == 1 && "SENT".equals(found.get(0).get("status"))).get(0);
        assertThat(delivery).containsEntry("id", replyId.toString()).containsEntry("rule", "email-reply");
        assertThat(mail.to(customer)).hasSize(1);
    }
}
