package io.exdesk.notification.service;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.Rule;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a rule's message in a language with Qute: {@code notifications/<rule>.<language>.txt}
 * holds the {@code subject} and {@code body} fragments; {@code notifications/email.html} lays the
 * body out as HTML, so all e-mails look alike whatever their language.
 */
@Singleton
public class MessageRenderer {

    /** Languages that have templates; others fall back by primary tag, then to the default. */
    static final List<String> LANGUAGES = List.of("en", "zh-CN");
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A rendered message. */
    public record Message(String language, String subject, String text, String html) {
    }

    /** What a message says about its ticket; every template shows all of it. */
    public record TicketFacts(String ticketNumber, String priority, String category, Instant dueAt, String link) {
    }

    private final Engine engine;
    private final String defaultLanguage;

    public MessageRenderer(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.defaultLanguage = supported(config.defaultLanguage(), "en");
    }

    /** The template language for a recipient's (or ticket's) BCP 47 tag. */
    public String language(String requested) {
        return supported(requested, defaultLanguage);
    }

    public Message render(Rule rule, String requestedLanguage, TicketFacts ticket, Map<String, Object> details) {
        String language = language(requestedLanguage);
        Template template = engine.getTemplate("notifications/" + rule.id() + "." + language + ".txt");
        if (template == null) {
            throw new IllegalStateException("No template for " + rule.id() + " in " + language);
        }
        Map<String, Object> data = new HashMap<>(details);
        data.put("ticketNumber", ticket.ticketNumber());
        data.put("priority", ticket.priority());
        data.put("category", ticket.category());
        data.put("dueAt", ticket.dueAt() == null ? null : DUE.format(ticket.dueAt()));
        data.put("link", ticket.link());
        String subject = template.getFragment("subject").render(data).strip();
        String text = template.getFragment("body").render(data).strip();
        String html = engine.getTemplate("notifications/email.html")
                .data("language", language)
                .data("subject", subject)
                .data("lines", text.lines().filter(line -> !line.isBlank()).toList())
                .data("link", ticket.link())
                .render();
        return new Message(language, subject, text, html);
    }

    private static String supported(String requested, String fallback) {
        if (requested == null || requested.isBlank()) {
            return fallback;
        }
        for (String language : LANGUAGES) {
            if (language.equalsIgnoreCase(requested)) {
                return language;
            }
        }
        String primary = requested.split("-")[0].toLowerCase(Locale.ROOT);
        for (String language : LANGUAGES) {
            if (language.toLowerCase(Locale.ROOT).startsWith(primary)) {
                return language;
            }
        }
        return fallback;
    }
}
