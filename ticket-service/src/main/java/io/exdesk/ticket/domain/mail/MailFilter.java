package io.exdesk.ticket.domain.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the mails a person wrote from those a machine sent (RFC 3834 auto-replies, lists, bounces) and from
 * ExDesk's own, which intake drops: answering an auto-reply or a bounce is how mail loops start.
 */
public final class MailFilter {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");

    private final Set<String> ownAddresses;

    /** @param ownAddresses ExDesk's own addresses, in any case */
    public MailFilter(Set<String> ownAddresses) {
        this.ownAddresses = ownAddresses.stream().map(MailFilter::normalise).collect(java.util.stream.Collectors.toSet());
    }

    /** Why this mail is dropped, or empty when a person wrote it. */
    public Optional<DropReason> dropReason(InboundMail mail) {
        InboundMail.AutomaticSigns signs = mail.headers();
        if (mail.from() == null || mail.from().isBlank()) {
            return Optional.of(signs.nullReturnPath() ? DropReason.BOUNCE : DropReason.NO_SENDER);
        }
        String from = normalise(mail.from());
        if (ownAddresses.contains(from)) {
            return Optional.of(DropReason.LOOP);
        }
        String local = from.contains("@") ? from.substring(0, from.indexOf('@')) : from;
        if (signs.nullReturnPath() || signs.deliveryReport() || local.equals("mailer-daemon")
                || local.equals("postmaster")) {
            return Optional.of(DropReason.BOUNCE);
        }
        if (signs.autoSubmitted() != null && !signs.autoSubmitted().isBlank()
                && !signs.autoSubmitted().trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of(DropReason.AUTO_SUBMITTED);
        }
        if (signs.precedence() != null && BULK_PRECEDENCE.contains(signs.precedence().trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(DropReason.BULK);
        }
        if (signs.autoResponseSuppress()) {
            return Optional.of(DropReason.AUTO_RESPONSE);
        }
        return Optional.empty();
    }

    /** An address compared without case or surrounding blanks. */
    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
