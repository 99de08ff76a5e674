package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The local run's mail catcher and webhook log: what arrives by SMTP and webhook is on its page and in its JSON. */
class LocalInboxTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void emailsAndChatMessagesThatArriveAreShownNewestFirstAndEscaped() throws Exception {
        try (LocalInbox inbox = LocalInbox.start(FreePorts.next(), FreePorts.next())) {
            send(inbox, "chen.jing@support.exdesk.local", "[ExDesk] 工单 EXD-100001 已分配给您 <b>", "Ticket body & facts");
            post(inbox.hookUrl("agent/chen.jing"), "{\"text\": \"*工单 EXD-100001* assigned\"}");
            post(inbox.hookUrl("ops"), "{\"subject\": \"SLA breached\", \"text\": \"EXD-100002 breached\"}");

            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.emails().size() == 1);
            assertThat(inbox.emails().get(0).to()).containsExactly("chen.jing@support.exdesk.local");
            assertThat(inbox.emails().get(0).text()).contains("Ticket body & facts");
            assertThat(inbox.chats()).extracting(LocalInbox.Chat::channel).containsExactly("ops", "agent/chen.jing");
            assertThat(inbox.chats().get(0).text()).isEqualTo("SLA breached\nEXD-100002 breached");

            HttpResponse<String> page = get(inbox.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));
            assertThat(page.body()).contains("工单 EXD-100001 已分配给您 &lt;b&gt;").doesNotContain("<b>")
                    .contains("Ticket body &amp; facts").contains("*工单 EXD-100001* assigned").contains("/hooks/ops");
            assertThat(page.body().indexOf("EXD-100002")).as("newest first").isLessThan(page.body().indexOf("*工单"));

            String json = get(inbox.url() + "messages.json").body();
            assertThat(json).contains("\"subject\":\"[ExDesk] 工单 EXD-100001 已分配给您 <b>\"").contains("\"channel\":\"ops\"");
            assertThat(get(inbox.url() + "nothing-here").statusCode()).isEqualTo(404);
        }
    }

    private static void send(LocalInbox inbox, String to, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(inbox.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("support@exdesk.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private void post(String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
