package io.exdesk.ticket.domain.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text rules of e-mail intake: the ticket a subject names, the customer's own words of a reply (quoted
 * history trimmed), the text of an HTML-only mail, and the language of a mail.
 */
public final class MailText {

    /** {@code [#EXD-104233]} or {@code [#<ticket id>]}, as ExDesk's replies put it in the subject. */
    private static final Pattern TICKET_IN_SUBJECT = Pattern.compile(
            "\\[#?\\s*(EXD-\\d{1,12}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*]");
    /** The line a mail client puts above the quoted message it answers. */
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "^(On .{1,200} wrote:|在.{1,200}写道[:：]|.{0,200}於.{1,200}寫道[:：]|-{2,}\\s*Original Message\\s*-{2,}|"
                    + "-{2,}\\s*原始邮件\\s*-{2,}|_{10,}|From: .{1,200})\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BREAKS = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");
    private static final Pattern HIDDEN = Pattern.compile("(?is)<\\s*(script|style|head)\\b.*?<\\s*/\\s*\\1\\s*>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");

    private MailText() {
    }

    /** The ticket number or id in the subject, e.g. {@code EXD-104233}. */
    public static Optional<String> ticketReference(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TICKET_IN_SUBJECT.matcher(subject);
        return m.find() ? Optional.of(m.group(1).toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /**
     * A reply without the history it quotes: lines starting with {@code >} and everything from the first
     * quote header ("On … wrote:", "在…写道：", "-----Original Message-----") on. If nothing would be left,
     * the text as it came.
     */
    public static String withoutQuotedHistory(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            String trimmed = line.strip();
            if (QUOTE_HEADER.matcher(trimmed).matches()) {
                break;
            }
            if (!trimmed.startsWith(">")) {
                kept.add(line);
            }
        }
        String own = String.join("\n", kept).strip();
        return own.isEmpty() ? text.strip() : own;
    }

    /** The readable text of an HTML body: line breaks where blocks end, no tags, scripts or styles. */
    public static String textOfHtml(String html) {
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = BREAKS.matcher(text).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\\n ?", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /**
     * The language of a mail: {@code zh-CN} when at least a fifth of its letters are Han characters, else
     * {@code en}. A mail has no language tag a customer sets, and ExDesk's templates, triage keywords and agents'
     * skills are Chinese and English; a customer writing in Chinese gets a Chinese-speaking agent.
     */
    public static String language(String subject, String text) {
        int han = 0;
        int letters = 0;
        String all = subject + "\n" + text;
        for (int i = 0; i < all.length(); ) {
            int c = all.codePointAt(i);
            i += Character.charCount(c);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
                letters++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters > 0 && han * 5 >= letters ? "zh-CN" : "en";
    }

    /** A Message-ID as stored: without angle brackets and blanks. */
    public static String messageId(String value) {
        String id = value.strip();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        if (id.endsWith(">")) {
            id = id.substring(0, id.length() - 1);
        }
        return id.strip();
    }

    /** The Message-IDs of an In-Reply-To or References header, in order. */
    public static List<String> messageIds(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher m = Pattern.compile("<([^<>\\s]+)>").matcher(header);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
