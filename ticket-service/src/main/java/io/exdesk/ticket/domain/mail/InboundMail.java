package io.exdesk.ticket.domain.mail;

import java.util.List;

/**
 * A mail read from the support mailbox, in the terms intake needs (no Jakarta Mail types).
 *
 * @param messageId     its Message-ID without angle brackets (one derived from its content when it has none)
 * @param from          the sender's address (null when it has none that parses)
 * @param fromName      the sender's display name, if any
 * @param subject       the decoded subject ("" when absent)
 * @param text          the text/plain body, or the text of the HTML body ("" when neither)
 * @param references    the Message-IDs it answers: In-Reply-To, then References from the newest
 * @param headers       what tells an automatic mail from a person's (see {@link MailFilter})
 */
public record InboundMail(String messageId, String from, String fromName, String subject, String text,
                          List<String> references, AutomaticSigns headers) {

    /**
     * Headers and structure that mark a mail as sent by a machine.
     *
     * @param autoSubmitted        the {@code Auto-Submitted} value (RFC 3834), or null
     * @param precedence           the {@code Precedence} value, or null
     * @param autoResponseSuppress whether {@code X-Auto-Response-Suppress} is present
     * @param nullReturnPath       whether {@code Return-Path} is the null path {@code <>} (a bounce)
     * @param deliveryReport       whether it is a {@code multipart/report} (delivery or disposition notification)
     */
    public record AutomaticSigns(String autoSubmitted, String precedence, boolean autoResponseSuppress,
                                 boolean nullReturnPath, boolean deliveryReport) {

        public static final AutomaticSigns NONE = new AutomaticSigns(null, null, false, false, false);
    }
}
