package io.exdesk.ticket.domain.mail;

import java.util.Locale;

/** Why a mail makes neither a ticket nor a reply; the {@code reason} of {@code ticket_mail_dropped_total}. */
public enum DropReason {
    /** {@code Auto-Submitted} other than {@code no}: an auto-reply, vacation notice or other machine's mail. */
    AUTO_SUBMITTED,
    /** {@code Precedence: bulk}, {@code junk} or {@code list}: newsletters and mailing lists. */
    BULK,
    /** {@code X-Auto-Response-Suppress}: Exchange marks its own automatic mail so. */
    AUTO_RESPONSE,
    /** A delivery status notification: null return path, mailer-daemon or postmaster, or a multipart/report. */
    BOUNCE,
    /** From ExDesk's own address: answering it would start a loop. */
    LOOP,
    /** No sender address to answer or to name the customer by. */
    NO_SENDER;

    /** The metric's label value, e.g. {@code auto_submitted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
