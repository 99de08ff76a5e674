package io.exdesk.ticket.messaging;

import io.exdesk.ticket.config.TicketConfig;
import io.exdesk.ticket.domain.mail.InboundMail;
import io.exdesk.ticket.domain.mail.MailText;
import io.exdesk.ticket.service.MailIntake;
import io.exdesk.ticket.service.MailIntakeMetrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads the support mailbox over IMAP ({@code ticket.mail-intake.*}): each poll takes at most a batch of
 * unseen mails, hands each to {@link MailIntake}, and flags it seen only once its ticket or reply is committed
 * (or it was dropped). A crash in between leaves it unseen, and reading it again does nothing twice. Reading
 * uses IMAP's peek, so fetching a mail does not flag it. An unreachable mailbox is logged, counted and shown by
 * the readiness check's data, and never stops the service. A mail that fails {@value #ATTEMPTS} times (one that
 * cannot be parsed or saved) is flagged (IMAP's \\Flagged) and left unseen for a person, so it neither blocks
 * the batch nor goes missing.
 */
@Singleton
public class MailboxPoller {

    private static final Logger LOG = Logger.getLogger(MailboxPoller.class);
    static final int ATTEMPTS = 3;
    private static final FlagTerm UNSEEN = new FlagTerm(new Flags(Flags.Flag.SEEN), false);
    private static final FlagTerm UNFLAGGED = new FlagTerm(new Flags(Flags.Flag.FLAGGED), false);

    /** Failed attempts per mail (by its position's Message-ID) in this instance. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    private final MailIntake intake;
    private final MailIntakeMetrics metrics;
    private final TicketConfig.MailIntake config;
    private final Clock clock;

    public MailboxPoller(MailIntake intake, MailIntakeMetrics metrics, TicketConfig config, Clock clock) {
        this.intake = intake;
        this.metrics = metrics;
        this.config = config.mailIntake();
        this.clock = clock;
    }

    @Scheduled(identity = "mail-intake", every = "${ticket.mail-intake.every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.host().isPresent()) {
            poll();
        }
    }

    /** One poll; how many mails it took. */
    public synchronized int poll() {
        Properties properties = new Properties();
        String protocol = config.tls() ? "imaps" : "imap";
        String timeout = Long.toString(config.timeout().toMillis());
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".peek", "true");
        Session session = Session.getInstance(properties);
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(config.host().orElseThrow(), config.port(), config.user().orElse(null),
                    config.password().orElse(null));
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new AndTerm(UNSEEN, UNFLAGGED));
                for (Message message : Arrays.copyOf(unseen, Math.min(unseen.length, config.batchSize()))) {
                    taken++;
                    take((MimeMessage) message);
                }
            } finally {
                folder.close(false);
            }
            metrics.polled(clock.instant(), null);
        } catch (MessagingException | RuntimeException e) {
            // The class only: a mail server's error text may quote addresses.
            metrics.polled(clock.instant(), e.getClass().getSimpleName());
            LOG.warnf("Mail intake could not read the mailbox (%s); it tries again at the next poll",
                    e.getClass().getSimpleName());
        }
        return taken;
    }

    private void take(MimeMessage message) throws MessagingException {
        MailIntake.Result result;
        String key = String.valueOf(message.getMessageID()) + '\n' + message.getSentDate();
        try {
            result = intake.receive(read(message));
        } catch (IOException | RuntimeException e) {
            metrics.outcome(MailIntakeMetrics.Outcome.FAILED);
            int failed = failures.merge(key, 1, Integer::sum);
            if (failed >= ATTEMPTS) {
                failures.remove(key);
                message.setFlag(Flags.Flag.FLAGGED, true);
                LOG.errorf("A mail could not be taken in %d times (%s); it is flagged and left unseen in the mailbox "
                        + "for a person", failed, e.getClass().getSimpleName());
            } else {
                LOG.errorf("A mail could not be taken in (%s); it stays unseen and is tried again at the next poll",
                        e.getClass().getSimpleName());
            }
            return;
        }
        failures.remove(key);
        message.setFlag(Flags.Flag.SEEN, true);
        if (result.dropped() != null) {
            LOG.debugf("Dropped a mail: %s", result.dropped().label());
        }
    }

    static InboundMail read(MimeMessage message) throws MessagingException, IOException {
        String messageId = message.getMessageID();
        messageId = messageId == null || MailText.messageId(messageId).isEmpty() ? contentId(message)
                : MailText.messageId(messageId);
        Address[] fromHeader = message.getFrom();
        InternetAddress from = fromHeader != null && fromHeader.length > 0 && fromHeader[0] instanceof InternetAddress a
                ? a : null;
        List<String> references = new ArrayList<>(MailText.messageIds(message.getHeader("In-Reply-To", " ")));
        List<String> older = MailText.messageIds(message.getHeader("References", " "));
        for (int i = older.size() - 1; i >= 0; i--) {
            if (!references.contains(older.get(i))) {
                references.add(older.get(i));
            }
        }
        String returnPath = message.getHeader("Return-Path", ",");
        InboundMail.AutomaticSigns signs = new InboundMail.AutomaticSigns(
                message.getHeader("Auto-Submitted", ","),
                message.getHeader("Precedence", ","),
                message.getHeader("X-Auto-Response-Suppress") != null,
                returnPath != null && returnPath.replaceAll("\\s", "").equals("<>"),
                message.isMimeType("multipart/report"));
        String subject = message.getSubject();
        return new InboundMail(messageId, from == null ? null : from.getAddress(),
                from == null ? null : from.getPersonal(), subject == null ? "" : subject, text(message),
                references, signs);
    }

    /** The text/plain body, else the text of the HTML body; attachments are not read. */
    private static String text(Part part) throws MessagingException, IOException {
        String plain = firstOfType(part, "text/plain");
        if (plain != null && !plain.isBlank()) {
            return plain;
        }
        String html = firstOfType(part, "text/html");
        return html == null ? "" : MailText.textOfHtml(html);
    }

    private static String firstOfType(Part part, String mimeType) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = firstOfType(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!part.isMimeType(mimeType)) {
            return null;
        }
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A Message-ID for a mail without one: the hash of its content, the same however often it is read. */
    private static String contentId(MimeMessage message) throws MessagingException, IOException {
        try (InputStream raw = message.getRawInputStream()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.readAllBytes());
            String sender = message.getHeader("From", ",");
            String subject = message.getHeader("Subject", ",");
            MessageDigest headers = MessageDigest.getInstance("SHA-256");
            headers.update(digest);
            headers.update(String.valueOf(sender).getBytes(StandardCharsets.UTF_8));
            headers.update(String.valueOf(subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(headers.digest()) + "@no-message-id.exdesk";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
