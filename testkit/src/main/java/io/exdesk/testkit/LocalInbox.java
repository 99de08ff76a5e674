package io.exdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The local run's mail catcher and webhook log: a real SMTP server ({@link MailServer}) that keeps every e-mail
 * notification-service sends, an HTTP endpoint {@code /hooks/<name>} that keeps every chat webhook call, and a
 * page at {@code /} (JSON at {@code /messages.json}) that shows both, newest first, so a user of
 * {@code ./run.sh} sees the notifications of their tickets. Loopback only; kept in memory, lost at stop.
 */
public final class LocalInbox implements AutoCloseable {

    /** An e-mail as the page shows it. */
    public record Email(Instant receivedAt, List<String> to, String subject, String text) {
    }

    /** A chat webhook call as the page shows it: {@code channel} is the path after {@code /hooks/}. */
    public record Chat(Instant receivedAt, String channel, String text, String body) {
    }

    /** Enough for a demo and a load run's last minutes; older calls are dropped. */
    private static final int MAX_CHATS = 1000;
    private static final int SHOWN = 100;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneId.of("UTC"));

    private final MailServer smtp;
    private final HttpServer http;
    private final Deque<Chat> chats = new ArrayDeque<>();

    private LocalInbox(MailServer smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    /** Starts the SMTP server on {@code smtpPort} and the page and webhook endpoint on {@code httpPort}, both on 127.0.0.1. */
    public static LocalInbox start(int smtpPort, int httpPort) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + httpPort
                    + " for the mail catcher's page (set EXDESK_INBOX_PORT to another port)", e);
        }
        MailServer smtp;
        try {
            smtp = MailServer.on(smtpPort);
        } catch (RuntimeException e) {
            http.stop(0);
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + smtpPort
                    + " for e-mail (set EXDESK_SMTP_PORT to another port)", e);
        }
        LocalInbox inbox = new LocalInbox(smtp, http);
        http.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "exdesk-local-inbox");
            thread.setDaemon(true);
            return thread;
        }));
        http.createContext("/hooks/", inbox::receiveHook);
        http.createContext("/messages.json", inbox::serveJson);
        http.createContext("/", inbox::servePage);
        http.start();
        return inbox;
    }

    public int smtpPort() {
        return smtp.port();
    }

    /** The page that lists what arrived. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    /** The webhook URL of a chat channel or an agent's chat, e.g. {@code hookUrl("ops")}. */
    public String hookUrl(String name) {
        return url() + "hooks/" + name;
    }

    /** E-mails received, newest first. */
    public List<Email> emails() {
        List<Email> emails = new ArrayList<>();
        for (MimeMessage message : smtp.all()) {
            emails.add(email(message));
        }
        // GreenMail lists messages by mailbox; the page shows them as they arrived.
        emails.sort(java.util.Comparator.comparing(Email::receivedAt).reversed());
        return emails;
    }

    /** Chat webhook calls received, newest first. */
    public synchronized List<Chat> chats() {
        return List.copyOf(chats);
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }

    private void receiveHook(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "POST a webhook here");
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String channel = exchange.getRequestURI().getPath().substring("/hooks/".length());
            synchronized (this) {
                chats.addFirst(new Chat(Instant.now(), channel, text(body), body));
                while (chats.size() > MAX_CHATS) {
                    chats.removeLast();
                }
            }
            respond(exchange, 200, "text/plain", "ok");
        }
    }

    private void serveJson(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, "application/json",
                    JSON.writeValueAsString(Map.of("emails", emails(), "chats", chats())));
        }
    }

    private void servePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain", "not found");
                return;
            }
            respond(exchange, 200, "text/html; charset=utf-8", page());
        }
    }

    private String page() {
        List<Email> emails = emails();
        List<Chat> chats = chats();
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="5"><title>ExDesk local inbox</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:70em}article{border:1px solid #ccc;
                border-radius:6px;padding:.6em 1em;margin:.6em 0}h2{margin-top:1.5em}.meta{color:#555;font-size:.9em}
                pre{white-space:pre-wrap;margin:.4em 0}</style></head><body>
                <h1>ExDesk local inbox</h1>
                <p class="meta">What notification-service sent while <code>./run.sh</code> runs: e-mails to this
                mail catcher, chat messages to this webhook log. Refreshes every 5 s.
                <a href="/messages.json">JSON</a></p>
                """);
        html.append("<h2>E-mails (").append(emails.size()).append(")</h2>");
        if (emails.isEmpty()) {
            html.append("<p>None yet.</p>");
        }
        emails.stream().limit(SHOWN).forEach(email -> html.append("<article><div class=\"meta\">")
                .append(TIME.format(email.receivedAt())).append(" &middot; to ").append(escape(String.join(", ", email.to())))
                .append("</div><strong>").append(escape(email.subject())).append("</strong><pre>")
                .append(escape(email.text())).append("</pre></article>"));
        html.append("<h2>Chat messages (").append(chats.size()).append(")</h2>");
        if (chats.isEmpty()) {
            html.append("<p>None yet.</p>");
        }
        chats.stream().limit(SHOWN).forEach(chat -> html.append("<article><div class=\"meta\">")
                .append(TIME.format(chat.receivedAt())).append(" &middot; webhook <code>/hooks/")
                .append(escape(chat.channel())).append("</code></div><pre>").append(escape(chat.text()))
                .append("</pre></article>"));
        return html.append("</body></html>").toString();
    }

    private static Email email(MimeMessage message) {
        try {
            Address[] recipients = message.getAllRecipients();
            List<String> to = recipients == null ? List.of() : Arrays.stream(recipients).map(Address::toString).toList();
            Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
            return new Email(received, to, String.valueOf(message.getSubject()), MailServer.part(message, "text/plain"));
        } catch (MessagingException e) {
            return new Email(Instant.now(), List.of(), "(unreadable message)", e.toString());
        }
    }

    /** The readable text of a webhook body: Slack's {@code text}, or the signed JSON's subject and text. */
    private static String text(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String text = json.path("text").asText("");
            String subject = json.path("subject").asText("");
            return subject.isEmpty() ? text : subject + "\n" + text;
        } catch (IOException notJson) {
            return body;
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
